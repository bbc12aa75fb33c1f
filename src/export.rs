//! Writing a data set back out: RON that loads into the same graph, and a
//! JSON with a fixed, documented shape for other tools; and choosing what a
//! view shows, so that an export of a view holds what the person saw.

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};

use crate::graph::{EdgeIndex, KnowledgeGraph, NodeIndex, RelationRef, Scope};

use crate::model::{Actor, Dataset, Evidence, Relation, Role, Source};

/// What a view shows, by node and edge: the part of the graph an export of
/// that view writes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    /// Actors shown, by node index.
    pub actors: Vec<bool>,
    /// Relations shown, in file order.
    pub relations: Vec<EdgeIndex>,
}

impl Shown {
    /// What the lists show: the actors inside `scope` and the relations it
    /// shows among them. With `related_only`, as when a status, stance or
    /// relation kind is filtered, an actor is shown only while one of its
    /// relations is.
    pub fn in_scope(graph: &KnowledgeGraph, scope: &Scope, related_only: bool) -> Shown {
        let relations: Vec<EdgeIndex> = graph
            .relations()
            .map(|(edge, _)| edge)
            .filter(|&edge| scope.shows_relation(graph, edge))
            .collect();
        let mut actors: Vec<bool> = match related_only {
            true => vec![false; graph.actor_count()],
            false => (0..graph.actor_count())
                .map(|index| scope.shows_actor(NodeIndex::new(index)))
                .collect(),
        };
        for &edge in &relations {
            let (from, to) = graph.ends(edge);
            actors[from.index()] = true;
            actors[to.index()] = true;
        }
        Shown { actors, relations }
    }

    /// What the explorer's actor list shows: the `listed` actors (by node
    /// index) that are inside `scope`, and the relations it shows among them.
    pub fn listed(graph: &KnowledgeGraph, scope: &Scope, listed: &[bool]) -> Shown {
        let actors: Vec<bool> = (0..graph.actor_count())
            .map(|index| {
                scope.shows_actor(NodeIndex::new(index)) && listed.get(index) == Some(&true)
            })
            .collect();
        let relations: Vec<EdgeIndex> = graph
            .relations()
            .filter(|&(edge, relation)| {
                let (from, to) = graph.ends(edge);
                actors[from.index()] && actors[to.index()] && scope.filter.accepts(relation)
            })
            .map(|(edge, _)| edge)
            .collect();
        Shown { actors, relations }
    }

    /// What the graph view draws around `focus`: the actors within `depth`
    /// steps inside `scope`, none left out for room, and the relations its
    /// lines stand for.
    pub fn around(graph: &KnowledgeGraph, focus: NodeIndex, depth: usize, scope: &Scope) -> Shown {
        let ego = graph.ego(focus, depth, scope, [usize::MAX; 2]);
        let mut actors = vec![false; graph.actor_count()];
        for member in &ego.members {
            if let crate::graph::EgoNode::Actor(node) = member.node {
                actors[node.index()] = true;
            }
        }
        let mut relations: Vec<EdgeIndex> = ego
            .edges
            .iter()
            .flat_map(|line| line.relations.iter().copied())
            .collect();
        relations.sort_unstable();
        relations.dedup();
        Shown { actors, relations }
    }
}

/// The data set of what a view shows, ready to be written in any format.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownData {
    /// The shown actors and relations, with the sources those cite.
    pub dataset: Dataset,
    /// Actors the view does not show that a shown record names (whose
    /// claim a quote is, whose office a role is), left out with the names
    /// that point to them.
    pub left_out: Vec<NodeIndex>,
    /// What to tell the person about those, when there are any.
    pub note: Option<String>,
}

/// The data set of `shown`, the one selection behind every export of a
/// view, headless or from the explorer: its actors and relations in file
/// order and the sources its relations cite. An actor the view does not
/// show is not written even when a shown quote's `attributed_to` or a
/// shown role's `of` names it: that name is left out instead, so the data
/// holds what the view showed and still loads, and the note names whose
/// names were left out.
pub fn shown_data(graph: &KnowledgeGraph, shown: &Shown) -> ShownData {
    let is_shown = |node: NodeIndex| shown.actors.get(node.index()) == Some(&true);
    let mut left_out = std::collections::BTreeSet::new();
    let mut drop_if_unshown = |id: &mut Option<String>| {
        let node = id.as_deref().and_then(|id| graph.find_id(id));
        if let Some(node) = node.filter(|&node| !is_shown(node)) {
            left_out.insert(node);
            *id = None;
        }
    };
    let mut relations: Vec<Relation> = shown
        .relations
        .iter()
        .map(|&edge| graph.relation(edge).to_relation())
        .collect();
    for evidence in relations
        .iter_mut()
        .flat_map(|relation| &mut relation.evidence)
    {
        drop_if_unshown(&mut evidence.attributed_to);
    }
    let mut actors: Vec<Actor> = graph
        .actors()
        .filter(|&(node, _)| is_shown(node))
        .map(|(_, actor)| actor.clone())
        .collect();
    for role in actors.iter_mut().flat_map(|actor| &mut actor.roles) {
        drop_if_unshown(&mut role.of);
    }
    let cited: std::collections::BTreeSet<&str> = relations
        .iter()
        .flat_map(|relation| &relation.evidence)
        .map(|evidence| evidence.source.as_str())
        .collect();
    let sources: Vec<Source> = graph
        .sources()
        .iter()
        .filter(|source| cited.contains(source.id.as_str()))
        .cloned()
        .collect();
    let left_out: Vec<NodeIndex> = left_out.into_iter().collect();
    ShownData {
        dataset: Dataset {
            title: graph.title().to_owned(),
            description: graph.description().map(str::to_owned),
            sources,
            actors,
            relations,
        },
        note: left_out_note(graph, &left_out),
        left_out,
    }
}

/// "2 actors quotes or roles name are not shown, so left out: TASS, Lavrov".
fn left_out_note(graph: &KnowledgeGraph, left_out: &[NodeIndex]) -> Option<String> {
    let names: Vec<&str> = left_out
        .iter()
        .map(|&node| graph.actor(node).name.as_str())
        .collect();
    let count = match names.len() {
        0 => return None,
        1 => "1 actor a quote or role names is".to_owned(),
        n => format!("{n} actors quotes or roles name are"),
    };
    Some(format!(
        "{count} not shown, so left out: {}",
        names.join(", ")
    ))
}

/// The data set as a RON file that `kgx` loads back into the same graph.
pub fn to_ron(dataset: &Dataset) -> Result<String, ron::Error> {
    let config = PrettyConfig::new()
        .struct_names(true)
        .escape_strings(false)
        .indentor("    ")
        .extensions(Extensions::IMPLICIT_SOME);
    let mut text = ron::ser::to_string_pretty(dataset, config)?;
    text.push('\n');
    Ok(text)
}

/// The data set as JSON: ids for `from`/`to`, kinds, statuses and stances
/// as strings, and every optional field present (as `null` or `[]`) so
/// consumers need no defaults of their own.
pub fn to_json(dataset: &Dataset) -> Value {
    json!({
        "title": dataset.title,
        "description": dataset.description,
        "sources": dataset.sources.iter().map(source_json).collect::<Vec<_>>(),
        "actors": dataset.actors.iter().map(actor_json).collect::<Vec<_>>(),
        "relations": dataset.relations.iter().map(relation_json).collect::<Vec<_>>(),
    })
}

/// A whole graph in the JSON shape of [`to_json`], serialised record by
/// record: neither the graph's data set nor its JSON tree is ever built, so
/// exporting a million relations costs little more than the text itself.
pub struct JsonDocument<'g>(pub &'g KnowledgeGraph);

impl Serialize for JsonDocument<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let graph = self.0;
        let mut document = serializer.serialize_map(Some(5))?;
        document.serialize_entry("title", graph.title())?;
        document.serialize_entry("description", &graph.description())?;
        document.serialize_entry(
            "sources",
            &Records(|| graph.sources().iter().map(source_json)),
        )?;
        document.serialize_entry(
            "actors",
            &Records(|| graph.actors().map(|(_, actor)| actor_json(actor))),
        )?;
        document.serialize_entry(
            "relations",
            &Records(|| {
                graph
                    .relations()
                    .map(|(_, relation)| RelationJson(relation))
            }),
        )?;
        document.end()
    }
}

/// A list serialised from a fresh iterator, one element at a time.
struct Records<F>(F);

impl<F, I> Serialize for Records<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// One relation in the shape of [`relation_json`], written from where the
/// graph keeps it: a million relations are not each copied into a
/// `Relation` and a JSON tree on the way out.
struct RelationJson<'g>(RelationRef<'g>);

impl Serialize for RelationJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let relation = &self.0;
        let mut map = serializer.serialize_map(Some(11))?;
        map.serialize_entry("from", relation.from_id())?;
        map.serialize_entry("to", relation.to_id())?;
        map.serialize_entry("kind", relation.kind())?;
        map.serialize_entry("label", &relation.label())?;
        map.serialize_entry("directed", &relation.directed())?;
        map.serialize_entry("date", &relation.date().map(|d| d.to_string()))?;
        map.serialize_entry("status", relation.status().name())?;
        map.serialize_entry("stance", relation.stance().name())?;
        map.serialize_entry("stance_score", &relation.stance().score())?;
        map.serialize_entry(
            "evidence",
            &Records(|| {
                relation.evidence().iter().map(|evidence| EvidenceJson {
                    source: evidence.source(),
                    quote: evidence.quote(),
                    attributed_to: evidence.attributed_to(),
                })
            }),
        )?;
        map.serialize_entry("attributes", &Attributes(relation))?;
        map.end()
    }
}

/// A relation's attributes as a JSON object, in the graph's order.
struct Attributes<'r, 'g>(&'r RelationRef<'g>);

impl Serialize for Attributes<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.attributes())
    }
}

/// One passage of evidence in the shape of `evidence_json`.
#[derive(serde::Serialize)]
struct EvidenceJson<'g> {
    source: &'g str,
    quote: &'g str,
    attributed_to: Option<&'g str>,
}

/// One source in the JSON shape.
pub fn source_json(source: &Source) -> Value {
    json!({
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "date": source.date.map(|d| d.to_string()),
        "url": source.url,
        "reliability": source.reliability.map(|r| r.letter().to_string()),
        "text_file": source.text_file,
        "text": source.text,
        "background": source.background,
    })
}

/// One actor in the JSON shape.
pub fn actor_json(actor: &Actor) -> Value {
    json!({
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind.name(),
        "aliases": actor.aliases,
        "summary": actor.summary,
        "roles": actor.roles.iter().map(role_json).collect::<Vec<_>>(),
        "date": actor.date.map(|d| d.to_string()),
        "external_ids": actor.external_ids,
        "attributes": actor.attributes,
    })
}

fn role_json(role: &Role) -> Value {
    json!({
        "title": role.title,
        "of": role.of,
        "date": role.date.map(|d| d.to_string()),
    })
}

/// One relation in the JSON shape.
pub fn relation_json(relation: &Relation) -> Value {
    json!({
        "from": relation.from,
        "to": relation.to,
        "kind": relation.kind,
        "label": relation.label,
        "directed": relation.directed,
        "date": relation.date.map(|d| d.to_string()),
        "status": relation.status.name(),
        "stance": relation.stance.name(),
        "stance_score": relation.stance.score(),
        "evidence": relation.evidence.iter().map(evidence_json).collect::<Vec<_>>(),
        "attributes": relation.attributes,
    })
}

fn evidence_json(evidence: &Evidence) -> Value {
    json!({
        "source": evidence.source,
        "quote": evidence.quote,
        "attributed_to": evidence.attributed_to,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixture;
    use crate::load;

    #[test]
    fn actors_only_named_by_what_is_shown_are_left_out_with_the_names() {
        let mut dataset = fixture::dataset();
        dataset.sources.push(Source::named("s".into()));
        dataset.relations[4].evidence.push(Evidence {
            source: "s".into(),
            quote: "struck".into(),
            attributed_to: Some("lavrov".into()),
        });
        let graph = KnowledgeGraph::new(dataset).expect("valid");
        let node = |id: &str| graph.find_id(id).expect("actor");
        let mut actors = vec![false; graph.actor_count()];
        actors[node("israel").index()] = true;
        actors[node("syria").index()] = true;
        let shown = Shown {
            actors,
            relations: vec![EdgeIndex::new(4)],
        };
        let data = shown_data(&graph, &shown);
        assert_eq!(data.left_out, [node("lavrov")]);
        let ids: Vec<&str> = data.dataset.actors.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["syria", "israel"]);
        assert_eq!(data.dataset.relations[0].evidence[0].attributed_to, None);
        assert_eq!(
            data.note.as_deref(),
            Some("1 actor a quote or role names is not shown, so left out: Sergey Lavrov")
        );
        KnowledgeGraph::new(data.dataset).expect("what is written loads");
    }

    #[test]
    fn ron_export_loads_back_into_the_same_data() {
        let mut dataset = fixture::dataset();
        dataset.description = Some("Quotes “curly” and \"straight\", Cyrillic Лавров".into());
        let text = to_ron(&dataset).expect("serializable");
        let back = load::parse_str("export.ron", &text).expect("export loads");
        assert_eq!(back, dataset);
        assert!(text.contains("Лавров"), "non-ASCII stays readable");
    }

    #[test]
    fn json_uses_plain_strings_for_kinds_and_ids_for_ends() {
        let json = to_json(&fixture::dataset());
        assert_eq!(json["actors"][0]["kind"], "State");
        assert_eq!(
            json["actors"][6]["kind"], "Hermit",
            "custom kinds are plain strings too"
        );
        let hosted = &json["relations"][1];
        assert_eq!(
            (hosted["from"].as_str(), hosted["to"].as_str()),
            (Some("lavrov"), Some("al-shibani"))
        );
        assert_eq!(hosted["stance"], "Cooperative");
        assert_eq!(hosted["stance_score"], 2);
        assert_eq!(hosted["status"], "Reported");
        assert_eq!(hosted["date"], "2025-07-31");
    }

    #[test]
    fn the_streamed_json_document_is_the_json_tree_written_out() {
        let dataset = fixture::dataset();
        let graph = KnowledgeGraph::new(dataset.clone()).expect("valid");
        assert_eq!(
            serde_json::to_string_pretty(&JsonDocument(&graph)).expect("serialises"),
            serde_json::to_string_pretty(&to_json(&dataset)).expect("serialises")
        );
    }
}
