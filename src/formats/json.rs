//! JSON in two shapes, told apart by content: kgx's own export (`title`,
//! `actors`, `relations`), read back strictly into the same data, and the
//! node-link JSON of d3 and networkx (`nodes`, `links` or `edges`), mapped
//! like any other tool's graph.
//!
//! Values are read as raw slices of the text, so every problem can point
//! at the value it is about.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::DeserializeSeed;
use serde_json::Value;
use serde_json::value::RawValue;

use super::foreign::{self, EdgeRecord, ForeignGraph, Item, JsonRole, JsonSource, NodeRecord};
use super::ids::IdIndex;
use super::packed::Nodes;
use crate::graph::{GraphBuilder, KnowledgeGraph, NewRelation};
use crate::load::parallel;
use crate::load::stream::{
    EvidenceRecord, GraphSeed, Record, Records, Shape, Text, add_evidence_and_attributes,
};
use crate::load::validate::Step;
use crate::load::warnings::warn;
use crate::load::{Collected, LoadError, Problem};
use crate::model::{Actor, Dataset, Relation, Role, Source, Stance, Status, When};

/// Reads either JSON shape into a graph. kgx's own export, when sound, is
/// read straight into the graph; anything else goes through [`read`].
pub fn read_graph(name: &str, mut text: String) -> Result<KnowledgeGraph, LoadError> {
    if text.len() >= parallel::PARALLEL_FROM
        && let Some(halves) = parallel::read(&mut text, parallel::Syntax::Json, &JsonHalves)
    {
        // Both halves parsed, so one thread would build this same graph:
        // a problem in it goes straight to the reader that locates it.
        return crate::load::join_or_locate(name, halves, text, |text| {
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            crate::load::build(name, read(name, text)?)
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    // The streaming reader refuses a key given twice (derived records
    // refuse a repeated field, maps through `unique_map`), so such a file
    // goes to `read`, which says where.
    match stream(text) {
        Some(graph) => Ok(graph),
        None => crate::load::build(name, read(name, text)?),
    }
}

/// kgx's JSON export read record by record, or `None` for any other JSON
/// and for a file with any problem.
fn stream(text: &str) -> Option<KnowledgeGraph> {
    let mut builder = GraphBuilder::new();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    GraphSeed::<OwnShape>::new(&mut builder)
        .deserialize(&mut deserializer)
        .ok()?;
    deserializer.end().ok()?;
    crate::load::finish_sound(builder)
}

/// The head and the relation lists of kgx's JSON export cut in two.
struct JsonHalves;

impl parallel::Halves for JsonHalves {
    fn head(&self, head: &str, builder: &mut GraphBuilder) -> bool {
        let head = head.strip_prefix('\u{feff}').unwrap_or(head);
        let mut deserializer = serde_json::Deserializer::from_str(head);
        GraphSeed::<OwnShape>::new(builder)
            .deserialize(&mut deserializer)
            .is_ok()
            && deserializer.end().is_ok()
    }

    fn relations(&self, list: &str, builder: &mut GraphBuilder) -> bool {
        let mut deserializer = serde_json::Deserializer::from_str(list);
        Records::<OwnShape>::relations(builder)
            .deserialize(&mut deserializer)
            .is_ok()
            && deserializer.end().is_ok()
    }
}

/// The record types of kgx's JSON export.
struct OwnShape;

impl Shape for OwnShape {
    type Source = JsonSource;
    type Actor = OwnActor;
    type Relation<'de> = OwnRelationRecord<'de>;
}

/// A relation of kgx's JSON export, its text borrowed from the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnRelationRecord<'a> {
    #[serde(borrow)]
    from: Text<'a>,
    #[serde(borrow)]
    to: Text<'a>,
    #[serde(borrow)]
    kind: Text<'a>,
    #[serde(borrow, default)]
    label: Option<Text<'a>>,
    #[serde(default = "yes")]
    directed: bool,
    #[serde(default)]
    date: Option<When>,
    #[serde(default)]
    status: Status,
    #[serde(default)]
    stance: Stance,
    #[serde(default, rename = "stance_score")]
    _stance_score: Option<i8>,
    #[serde(borrow, default)]
    evidence: Vec<EvidenceRecord<'a>>,
    #[serde(borrow, default, deserialize_with = "unique_map")]
    attributes: BTreeMap<Text<'a>, Text<'a>>,
}

impl Record for OwnRelationRecord<'_> {
    fn add_to(&self, builder: &mut GraphBuilder) {
        builder.add_relation(NewRelation {
            from: self.from.as_str(),
            to: self.to.as_str(),
            kind: self.kind.as_str(),
            label: self.label.as_ref().map(Text::as_str),
            directed: self.directed,
            date: self.date,
            status: self.status,
            stance: self.stance,
        });
        add_evidence_and_attributes(builder, &self.evidence, &self.attributes);
    }
}

/// Reads either JSON shape into a validated data set.
pub fn read(name: &str, text: &str) -> Result<Dataset, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fail = |problems: Vec<Problem>| LoadError {
        name: name.to_owned(),
        text: Arc::from(text),
        problems,
    };
    let top: BTreeMap<String, &RawValue> =
        serde_json::from_str(text).map_err(|err| fail(vec![syntax(text, &err)]))?;
    if let Some(problem) = super::unique_keys::duplicate_key(text) {
        return Err(fail(vec![problem]));
    }
    if top.contains_key("nodes") {
        let graph = node_link(text, &top).map_err(fail)?;
        for (key, raw) in &top {
            if !NODE_LINK_KEYS.contains(&key.as_str()) {
                warn(
                    name,
                    text,
                    Problem::at(span(text, raw), format!("\"{key}\" is left out"))
                        .label("not read")
                        .help(Some(format!(
                            "node-link JSON has {}; kgx keeps the graph's own values under \"graph\"",
                            NODE_LINK_KEYS.join(", ")
                        ))),
                );
            }
        }
        if let Some(raw) = top.get("graph").filter(|raw| object(raw).is_none()) {
            warn(
                name,
                text,
                Problem::at(
                    span(text, raw),
                    "\"graph\" is not an object, and is left out",
                )
                .label("expected {\"name\": …}")
                .help(Some(
                    "the graph's own values (name, description, sources) go in an object".into(),
                )),
            );
        }
        foreign::build(name, text, graph)
    } else if top.contains_key("actors") || top.contains_key("relations") {
        own(name, text)
    } else {
        Err(fail(vec![
            Problem::at(0..text.len().min(1), "this JSON holds no graph kgx knows")
                .label("expected \"nodes\" or \"actors\"")
                .help(Some(
                    "kgx reads node-link JSON ({\"nodes\": […], \"links\": […]}) and its own export ({\"title\": …, \"actors\": […], \"relations\": […]})".into(),
                )),
        ]))
    }
}

/// A JSON syntax or shape error, at its line and column.
fn syntax(text: &str, err: &serde_json::Error) -> Problem {
    let offset = offset_of(text, err.line(), err.column());
    let message = err.to_string();
    // serde_json ends its messages with " at line L column C"; the
    // diagnostic shows the place itself.
    let message = match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    };
    let help = match err.classify() {
        serde_json::error::Category::Eof => {
            "the file ends too early: a bracket, brace or string is not closed"
        }
        serde_json::error::Category::Syntax => {
            "check the commas, quotes and brackets around this spot"
        }
        _ => "see docs/format.md for the shapes kgx reads",
    };
    let end = crate::load::diagnostic::floor_char_boundary(text, (offset + 1).min(text.len()));
    Problem::at(offset..end.max(offset), message)
        .label("here")
        .help(Some(help.to_owned()))
}

/// Byte offset of a 1-based line and column as serde_json counts them.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    crate::load::diagnostic::floor_char_boundary(
        text,
        (line_start + column.saturating_sub(1)).min(text.len()),
    )
}

/// Where a raw value sits in the text it was read from.
fn span(text: &str, raw: &RawValue) -> Range<usize> {
    let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
    start..start + raw.get().len()
}

/// A raw value as attribute text: strings as they are, numbers and
/// booleans as written, lists and maps as JSON; `null` as nothing.
fn as_text(raw: &RawValue) -> Option<String> {
    match serde_json::from_str::<Value>(raw.get()) {
        Ok(Value::Null) | Err(_) => None,
        Ok(Value::String(text)) => Some(text),
        Ok(_) => Some(raw.get().to_owned()),
    }
}

fn object(raw: &RawValue) -> Option<BTreeMap<String, &RawValue>> {
    serde_json::from_str(raw.get()).ok()
}

/// The top-level keys of node-link JSON that kgx reads (`multigraph`
/// says only that links may repeat, which kgx allows anyway).
const NODE_LINK_KEYS: [&str; 6] = ["directed", "multigraph", "graph", "nodes", "links", "edges"];

/// A `directed` value as a boolean; anything else is added to `problems`.
fn boolean(text: &str, raw: &RawValue, whose: &str, problems: &mut Collected) -> Option<bool> {
    let read = serde_json::from_str::<bool>(raw.get()).ok();
    if read.is_none() {
        problems.push(
            Problem::at(
                span(text, raw),
                format!(
                    "{whose} \"directed\" is {}, not true or false",
                    clip(raw.get())
                ),
            )
            .label("expected true or false")
            .help(Some(
                "write \"directed\": true or false, or leave it out (links then follow the graph)"
                    .into(),
            )),
        );
    }
    read
}

/// The nodes and links of a node-link document.
fn node_link<'a>(
    text: &'a str,
    top: &BTreeMap<String, &'a RawValue>,
) -> Result<ForeignGraph, Vec<Problem>> {
    // The first problems in full, the rest counted: a million broken
    // nodes cost neither a million messages nor megabytes of --json.
    let mut problems = Collected::default();
    let mut graph = ForeignGraph {
        directed: true,
        ..ForeignGraph::default()
    };
    if let Some(directed) = top.get("directed")
        && let Some(directed) = boolean(text, directed, "the graph's", &mut problems)
    {
        graph.directed = directed;
    }
    if let Some(attributes) = top.get("graph").and_then(|raw| object(raw)) {
        graph.items = items(text, &attributes, &[]);
    }
    let list = |key: &str, problems: &mut Collected| -> Vec<&'a RawValue> {
        let Some(raw) = top.get(key) else {
            return Vec::new();
        };
        match serde_json::from_str::<Vec<&RawValue>>(raw.get()) {
            Ok(list) => list,
            Err(_) => {
                problems.push(
                    Problem::at(span(text, raw), format!("\"{key}\" is not a list"))
                        .label("expected [ … ]"),
                );
                Vec::new()
            }
        }
    };
    let nodes = list("nodes", &mut problems);
    for raw in &nodes {
        let Some(fields) = object(raw) else {
            problems.push(
                Problem::at(span(text, raw), "a node is not an object")
                    .label("expected {\"id\": …}"),
            );
            continue;
        };
        let Some(id_raw) = fields.get("id") else {
            problems.push(
                Problem::at(span(text, raw), "a node has no \"id\"")
                    .label("node without an id")
                    .help(Some(
                        "give every node an \"id\"; links name their ends by it".into(),
                    )),
            );
            continue;
        };
        let Some(id) = node_id(id_raw) else {
            problems.push(
                Problem::at(
                    span(text, id_raw),
                    format!(
                        "the node id {} is not a string or a whole number",
                        clip(id_raw.get())
                    ),
                )
                .label("not an id")
                .help(Some(
                    "give every node an id such as \"a\" or 7; links name their ends by it".into(),
                )),
            );
            continue;
        };
        graph.nodes.push(NodeRecord {
            id,
            id_span: span(text, id_raw),
            span: span(text, raw),
            items: items(text, &fields, &["id"]),
        });
    }
    // The nodes by id, for ends written as a node's index.
    let mut ids = IdIndex::default();
    for index in 0..graph.nodes.len() {
        ids.insert(node_id_at(&graph.nodes, index), index, |other| {
            node_id_at(&graph.nodes, other)
        });
    }
    if let (Some(links), Some(edges)) = (top.get("links"), top.get("edges")) {
        problems.push(Problem {
            related: Some((span(text, links), "\"links\" here".into())),
            ..Problem::at(
                span(text, edges),
                "the file has both \"links\" and \"edges\"",
            )
            .label("\"edges\" here")
            .help(Some(
                "node-link JSON names its links once: merge the two lists into \"links\"".into(),
            ))
        });
    }
    let links_key = if top.contains_key("links") {
        "links"
    } else {
        "edges"
    };
    for raw in list(links_key, &mut problems) {
        let Some(fields) = object(raw) else {
            problems.push(
                Problem::at(span(text, raw), "a link is not an object")
                    .label("expected {\"source\": …, \"target\": …}"),
            );
            continue;
        };
        let mut ends = Vec::new();
        for end in ["source", "target"] {
            match fields.get(end) {
                Some(end_raw) => {
                    ends.push((end_of(end_raw, &graph.nodes, &ids), span(text, end_raw)))
                }
                None => problems.push(
                    Problem::at(span(text, raw), format!("a link has no \"{end}\""))
                        .label(format!("link without a {end}"))
                        .help(Some(
                            "a link names its ends by node id: {\"source\": \"a\", \"target\": \"b\"}"
                                .into(),
                        )),
                ),
            }
        }
        if let [(source, source_span), (target, target_span)] = ends.as_slice() {
            let directed = fields
                .get("directed")
                .and_then(|raw| boolean(text, raw, "a link's", &mut problems));
            graph.edges.push(EdgeRecord {
                source: source.clone(),
                source_span: source_span.clone(),
                target: target.clone(),
                target_span: target_span.clone(),
                directed,
                span: span(text, raw),
                items: items(text, &fields, &["source", "target", "directed"]),
            });
        }
    }
    if problems.is_empty() {
        Ok(graph)
    } else {
        Err(problems.into_problems())
    }
}

/// A node's id as text: a string, or a whole number as written; `None`
/// for anything else (`null`, `1e400`, `1.5`, lists), which has no one
/// spelling a link could name it by.
fn node_id(raw: &RawValue) -> Option<String> {
    match serde_json::from_str::<Value>(raw.get()).ok()? {
        Value::String(id) => Some(id),
        Value::Number(number) if number.is_u64() || number.is_i64() => Some(number.to_string()),
        _ => None,
    }
}

/// A value quoted in a message: its start, and how long it was when it
/// is longer than that.
fn clip(value: &str) -> String {
    const KEEP: usize = 40;
    match value.char_indices().nth(KEEP) {
        Some((end, _)) => format!("{}… ({} bytes)", &value[..end], value.len()),
        None => value.to_owned(),
    }
}

/// The node id a link end names. d3 also allows a node's index in the
/// list, and (after a simulation) the node object itself; an id that is a
/// node's id wins over an index.
fn end_of(raw: &RawValue, nodes: &Nodes, ids: &IdIndex) -> String {
    match serde_json::from_str::<Value>(raw.get()) {
        Ok(Value::String(id)) => id,
        Ok(Value::Number(number)) => {
            let id = number.to_string();
            match number
                .as_u64()
                .and_then(|i| nodes.id(usize::try_from(i).ok()?))
            {
                Some((node_id, _)) if ids.get(&id, |other| node_id_at(nodes, other)).is_none() => {
                    node_id.to_owned()
                }
                _ => id,
            }
        }
        Ok(Value::Object(fields)) => match fields.get("id") {
            Some(Value::String(id)) => id.clone(),
            Some(other) => other.to_string(),
            None => raw.get().to_owned(),
        },
        _ => raw.get().to_owned(),
    }
}

/// The id of the node at `index` (there is one at every index given).
fn node_id_at(nodes: &Nodes, index: usize) -> &str {
    nodes.id(index).map_or("", |(id, _)| id)
}

fn items(text: &str, fields: &BTreeMap<String, &RawValue>, skip: &[&str]) -> Vec<Item> {
    fields
        .iter()
        .filter(|(key, _)| !skip.contains(&key.as_str()))
        .filter_map(|(key, raw)| {
            Some(Item {
                key: key.clone(),
                value: as_text(raw)?,
                span: span(text, raw),
            })
        })
        .collect()
}

/// kgx's own JSON export, as `export::to_json` writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnGraph<'a> {
    title: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    sources: Vec<JsonSource>,
    #[serde(default)]
    actors: Vec<OwnActor>,
    #[serde(borrow, default)]
    relations: Vec<OwnRelationRecord<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnActor {
    id: String,
    name: String,
    kind: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    roles: Vec<JsonRole>,
    #[serde(default)]
    date: Option<When>,
    #[serde(default, deserialize_with = "unique_map")]
    external_ids: BTreeMap<String, String>,
    #[serde(default, deserialize_with = "unique_map")]
    attributes: BTreeMap<String, String>,
}

fn yes() -> bool {
    true
}

/// A JSON object as a map, refusing a key given twice where serde's own
/// map would keep the last.
fn unique_map<'de, D, K, V>(deserializer: D) -> Result<BTreeMap<K, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    K: Deserialize<'de> + Ord,
    V: Deserialize<'de>,
{
    struct UniqueMap<K, V>(std::marker::PhantomData<(K, V)>);
    impl<'de, K, V> serde::de::Visitor<'de> for UniqueMap<K, V>
    where
        K: Deserialize<'de> + Ord,
        V: Deserialize<'de>,
    {
        type Value = BTreeMap<K, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut entries = BTreeMap::new();
            while let Some((key, value)) = map.next_entry()? {
                if entries.insert(key, value).is_some() {
                    return Err(serde::de::Error::custom(
                        "a key appears twice in one object",
                    ));
                }
            }
            Ok(entries)
        }
    }
    deserializer.deserialize_map(UniqueMap(std::marker::PhantomData))
}

impl From<OwnActor> for Actor {
    fn from(actor: OwnActor) -> Self {
        Actor {
            id: actor.id,
            name: actor.name,
            kind: own_kind(&actor.kind),
            aliases: actor.aliases,
            summary: actor.summary,
            roles: actor.roles.into_iter().map(Role::from).collect(),
            date: actor.date,
            external_ids: actor.external_ids,
            attributes: actor.attributes,
        }
    }
}

/// Reads kgx's JSON export strictly: every field must be one it writes.
fn own(name: &str, text: &str) -> Result<Dataset, LoadError> {
    let graph: OwnGraph = serde_json::from_str(text).map_err(|err| LoadError {
        name: name.to_owned(),
        text: Arc::from(text),
        problems: vec![syntax(text, &err)],
    })?;
    let dataset = Dataset {
        title: graph.title,
        description: graph.description,
        sources: graph.sources.into_iter().map(Source::from).collect(),
        actors: graph.actors.into_iter().map(Actor::from).collect(),
        relations: graph
            .relations
            .into_iter()
            .map(|relation| Relation {
                from: relation.from.into_string(),
                to: relation.to.into_string(),
                kind: relation.kind.into_string(),
                label: relation.label.map(Text::into_string),
                directed: relation.directed,
                date: relation.date,
                status: relation.status,
                stance: relation.stance,
                evidence: relation
                    .evidence
                    .into_iter()
                    .map(EvidenceRecord::into_evidence)
                    .collect(),
                attributes: relation
                    .attributes
                    .into_iter()
                    .map(|(key, value)| (key.into_string(), value.into_string()))
                    .collect(),
            })
            .collect(),
    };
    foreign::checked(name, text, dataset, |path| locate(text, path))
}

/// The export writes kinds as plain strings: a named kind's name, or the
/// text of an `Other` one.
fn own_kind(name: &str) -> crate::model::ActorKind {
    crate::model::ActorKind::NAMED
        .iter()
        .find(|kind| kind.name() == name)
        .cloned()
        .unwrap_or_else(|| crate::model::ActorKind::Other(name.to_owned()))
}

/// The span of the value at `path`, or of the deepest part of it found.
fn locate(text: &str, path: &[Step]) -> Range<usize> {
    let Ok(mut raw) = serde_json::from_str::<&RawValue>(text) else {
        return 0..0;
    };
    for step in path {
        let next = match *step {
            Step::Field(name) => object(raw).and_then(|fields| fields.get(name).copied()),
            Step::Index(index) => serde_json::from_str::<Vec<&RawValue>>(raw.get())
                .ok()
                .and_then(|list| list.get(index).copied()),
        };
        match next {
            Some(next) => raw = next,
            None => break,
        }
    }
    span(text, raw)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::{GenOptions, generate};

    #[test]
    fn kgx_json_streams_into_the_graph_the_strict_reader_gives() {
        let dataset = generate(&GenOptions {
            actors: 300,
            relations: 2_000,
            seed: 3,
        });
        let text = crate::export::to_json(&dataset).to_string();
        let streamed = stream(&text).expect("a sound export takes the streaming path");
        let strict = read("t.json", &text).expect("valid");
        assert_eq!(streamed.to_dataset(), strict);
        assert_eq!(streamed.to_dataset(), dataset);
    }

    #[test]
    fn an_export_read_in_two_halves_gives_the_graph_read_in_one() {
        let dataset = generate(&GenOptions {
            actors: 300,
            relations: 2_000,
            seed: 13,
        });
        // As `kgx export` writes it: a compact file has no byte to spare
        // between records and is read on one thread.
        let text = serde_json::to_string_pretty(&crate::export::to_json(&dataset)).expect("json");
        let mut owned = text.clone();
        let halves = parallel::read(&mut owned, parallel::Syntax::Json, &JsonHalves)
            .and_then(crate::load::join_sound)
            .expect("a sound export is cut and read");
        assert_eq!(owned, text, "the text is given back as it was");
        assert_eq!(halves.to_dataset(), dataset);
    }

    #[test]
    fn a_key_given_twice_is_refused_by_the_streaming_reader_and_located_by_the_other() {
        for text in [
            r#"{"title": "t", "title": "u", "actors": [], "relations": []}"#,
            r#"{"title": "t", "actors": [{"id": "a", "name": "A", "kind": "State", "attributes": {"x": "1", "x": "2"}}], "relations": []}"#,
            r#"{"title": "t", "actors": [{"id": "a", "name": "A", "kind": "State"}], "relations": [{"from": "a", "to": "a", "kind": "met", "attributes": {"x": "1", "x": "2"}}]}"#,
        ] {
            assert!(stream(text).is_none(), "{text}");
            let error = read_graph("d.json", text.to_owned()).expect_err("refused");
            assert!(
                error.problems[0].message.contains("appears twice"),
                "{text}"
            );
        }
    }

    #[test]
    fn other_json_and_broken_exports_go_to_the_locating_reader() {
        let node_link = r#"{"nodes": [{"id": "a"}], "links": []}"#;
        assert!(stream(node_link).is_none());
        assert!(read_graph("n.json", node_link.to_owned()).is_ok());
        let unknown_end = r#"{"title": "t", "actors": [], "relations": [{"from": "a", "to": "b", "kind": "met"}]}"#;
        assert!(stream(unknown_end).is_none());
        assert!(read_graph("u.json", unknown_end.to_owned()).is_err());
    }
}
