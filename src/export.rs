//! Writing a data set back out: RON that loads into the same graph, and a
//! JSON with a fixed, documented shape for other tools.

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};

use crate::graph::{KnowledgeGraph, RelationRef};

use crate::model::{Actor, Dataset, Evidence, Relation, Role, Source};

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
