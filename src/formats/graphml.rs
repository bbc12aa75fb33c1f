//! GraphML, as Gephi, yEd, networkx, igraph and Cytoscape write it: `<key>`
//! declarations with names, types and defaults, then nodes and edges with
//! `<data>` values, in directed or undirected graphs.
//!
//! kgx writes a key for every field it has, so its own GraphML reads back
//! into the same data: lists and records (aliases, roles, evidence, the
//! sources) are JSON text in one value each.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

use quick_xml::XmlVersion;
use quick_xml::escape::{escape, resolve_predefined_entity};
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use serde_json::json;

use super::foreign::{self, EdgeRecord, ForeignGraph, Item, NodeRecord};
use crate::export;
use crate::load::warnings::warn;
use crate::load::{LoadError, Problem};
use crate::model::Dataset;

/// A `<key>` declaration: what a `<data key="…">` means.
struct Key {
    /// The attribute name (`attr.name`, or yEd's `yfiles.type`).
    name: String,
    /// `node`, `edge`, `graph` or `all`.
    domain: String,
    /// The value for elements that give none, and where it is written.
    default: Option<(String, Range<usize>)>,
}

/// A `<data>` element being read.
struct OpenData {
    /// The id of its `<key>`.
    key: String,
    /// Its text so far.
    value: String,
    /// Where its content starts.
    start: usize,
    /// Whether it holds elements (yEd's labels), whose text is the value.
    nested: bool,
}

/// The element whose `<data>` is being read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Owner {
    Graph,
    Node,
    Edge,
}

/// Reads GraphML text into a validated data set.
pub fn read(name: &str, text: &str) -> Result<Dataset, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut left_out = Vec::new();
    match parse(text, &mut left_out) {
        Ok(graph) => {
            for problem in left_out {
                warn(name, text, problem);
            }
            foreign::build(name, text, graph)
        }
        Err(problem) => Err(LoadError {
            name: name.to_owned(),
            text: Arc::from(text),
            problems: vec![*problem],
        }),
    }
}

/// One XML problem: the reader stops at the first, as XML tools do. What
/// kgx has no place for (ports, nested graphs, unknown elements) is added
/// to `left_out`, to be warned about once the file reads.
fn parse(text: &str, left_out: &mut Vec<Problem>) -> Result<ForeignGraph, Box<Problem>> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut graph = ForeignGraph {
        directed: true,
        ..ForeignGraph::default()
    };
    let mut keys: HashMap<String, Key> = HashMap::new();
    // Open elements, with where each started.
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut owner: Vec<Owner> = Vec::new();
    let mut data: Option<OpenData> = None;
    let mut default_text: Option<(String, usize)> = None;
    let mut current_key: Option<String> = None;
    let mut seen_root = false;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|err| xml_error(text, reader.error_position() as usize, &err))?;
        let after = reader.buffer_position() as usize;
        let tag = before..after;
        let is_empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(element) | Event::Empty(element) => {
                let inside_data = data.is_some();
                if let Some(open_data) = &mut data {
                    open_data.nested = true;
                }
                let local = element.local_name().as_ref().to_owned();
                if !seen_root {
                    if local != "graphml" {
                        return Err(Box::new(
                            Problem::at(
                                tag,
                                format!("this is not GraphML: it starts with <{local}>"),
                            )
                            .label("expected <graphml>")
                            .help(Some(
                                "a GraphML file starts with <graphml> (after the <?xml …?> line)"
                                    .into(),
                            )),
                        ));
                    }
                    seen_root = true;
                }
                let attrs = attributes(text, &element, &tag)?;
                let attr = |name: &str| attrs.get(name).map(|(value, _)| value.clone());
                match local.as_str() {
                    _ if inside_data => {}
                    "key" => {
                        let id = attr("id").unwrap_or_default();
                        if keys.contains_key(&id) {
                            let span = attrs
                                .get("id")
                                .map_or(tag.clone(), |(_, span)| span.clone());
                            return Err(Box::new(
                                Problem::at(span, format!("a second <key> with the id \"{id}\""))
                                    .label("declared before")
                                    .help(Some(
                                        "each <key> needs an id of its own; a <data> could not tell which one it means".into(),
                                    )),
                            ));
                        }
                        let name = attr("attr.name")
                            .or_else(|| attr("yfiles.type"))
                            .unwrap_or_else(|| id.clone());
                        keys.insert(
                            id.clone(),
                            Key {
                                name,
                                domain: attr("for").unwrap_or_else(|| "all".into()),
                                default: None,
                            },
                        );
                        current_key = Some(id);
                    }
                    "default" => default_text = Some((String::new(), after)),
                    "graph" if owner.is_empty() => {
                        graph.directed = match attrs.get("edgedefault") {
                            None => true,
                            Some((value, _)) if value == "directed" => true,
                            Some((value, _)) if value == "undirected" => false,
                            Some((value, span)) => {
                                return Err(Box::new(
                                    Problem::at(
                                        span.clone(),
                                        format!("edgedefault=\"{value}\" is neither directed nor undirected"),
                                    )
                                    .label("expected directed or undirected")
                                    .help(Some(
                                        "GraphML knows edgedefault=\"directed\" and edgedefault=\"undirected\"".into(),
                                    )),
                                ));
                            }
                        };
                        owner.push(Owner::Graph);
                    }
                    "hyperedge" => {
                        return Err(Box::new(
                            Problem::at(tag, "a <hyperedge> joins several nodes at once, which kgx cannot hold")
                                .label("hyperedge")
                                .help(Some(
                                    "write it as an <edge> between each pair, or as a node for the event with an edge to each member".into(),
                                )),
                        ));
                    }
                    "node" => {
                        let (id, id_span) = attrs.get("id").cloned().ok_or_else(|| {
                            Problem::at(tag.clone(), "a <node> has no id")
                                .label("node without an id")
                                .help(Some("write it as <node id=\"…\">".into()))
                        })?;
                        graph.nodes.push(NodeRecord {
                            id,
                            id_span,
                            span: tag.clone(),
                            items: Vec::new(),
                        });
                        owner.push(Owner::Node);
                    }
                    "edge" => {
                        let end = |name: &str| {
                            attrs.get(name).cloned().ok_or_else(|| {
                                Box::new(
                                    Problem::at(tag.clone(), format!("an <edge> has no {name}"))
                                        .label(format!("edge without a {name}"))
                                        .help(Some(
                                            "write it as <edge source=\"…\" target=\"…\">".into(),
                                        )),
                                )
                            })
                        };
                        let (source, source_span) = end("source")?;
                        let (target, target_span) = end("target")?;
                        let directed = match attrs.get("directed") {
                            None => None,
                            Some((value, _)) if value == "true" || value == "1" => Some(true),
                            Some((value, _)) if value == "false" || value == "0" => Some(false),
                            Some((value, span)) => {
                                return Err(Box::new(
                                    Problem::at(
                                        span.clone(),
                                        format!("directed=\"{value}\" is neither true nor false"),
                                    )
                                    .label("expected true or false")
                                    .help(Some(
                                        "write directed=\"true\" or directed=\"false\", or leave it out to follow the graph's edgedefault".into(),
                                    )),
                                ));
                            }
                        };
                        for port in ["sourceport", "targetport"] {
                            if let Some((value, span)) = attrs.get(port) {
                                left_out.push(
                                    Problem::at(span.clone(), format!("{port}=\"{value}\" is left out"))
                                        .label("a port")
                                        .help(Some("kgx joins actors, not ports: the edge is read between the two nodes".into())),
                                );
                            }
                        }
                        graph.edges.push(EdgeRecord {
                            source,
                            source_span,
                            target,
                            target_span,
                            directed,
                            span: tag.clone(),
                            items: Vec::new(),
                        });
                        owner.push(Owner::Edge);
                    }
                    "data" if data.is_none() => {
                        let key = attrs.get("key").cloned().ok_or_else(|| {
                            Problem::at(tag.clone(), "a <data> has no key")
                                .label("data without a key")
                                .help(Some(
                                    "write it as <data key=\"…\">, with the id of a <key>".into(),
                                ))
                        })?;
                        if !keys.contains_key(&key.0) {
                            let declared: Vec<String> =
                                keys.keys().map(|k| format!("\"{k}\"")).collect();
                            return Err(Box::new(Problem::at(
                                key.1,
                                format!("no <key> with the id \"{}\"", key.0),
                            )
                            .label("undeclared key")
                            .help(Some(if declared.is_empty() {
                                "declare it first: <key id=\"…\" for=\"node\" attr.name=\"…\" attr.type=\"string\"/>".into()
                            } else {
                                format!("the keys declared are {}", declared.join(", "))
                            }))));
                        }
                        if owner.is_empty() {
                            left_out.push(
                                Problem::at(tag.clone(), format!("<data key=\"{}\"> outside a graph, a node or an edge is left out", key.0))
                                    .label("belongs to nothing kgx reads")
                                    .help(Some("kgx reads the <data> of a <graph>, a <node> or an <edge>".into())),
                            );
                        }
                        data = Some(OpenData {
                            key: key.0,
                            value: String::new(),
                            start: after,
                            nested: false,
                        });
                    }
                    "graphml" | "data" => {}
                    "graph" => left_out.push(
                        Problem::at(tag.clone(), "a nested <graph> is read into the one around it")
                            .label("nested graph")
                            .help(Some("kgx has one graph: the nodes and edges inside are kept, which node held them is not".into())),
                    ),
                    other => left_out.push(
                        Problem::at(tag.clone(), format!("<{other}> is left out"))
                            .label("not read")
                            .help(Some("kgx reads GraphML's <key>, <graph>, <node>, <edge> and <data>; ports, hyperedges and other elements have no place in it".into())),
                    ),
                }
                if is_empty {
                    close(
                        &local, &mut owner, &mut data, &mut graph, &keys, after, after,
                    );
                    if local == "key" {
                        current_key = None;
                    }
                } else {
                    open.push((local, before));
                }
            }
            Event::End(element) => {
                let local = element.local_name().as_ref().to_owned();
                open.pop();
                if local == "default" {
                    if let (Some((value, start)), Some(key)) =
                        (default_text.take(), current_key.as_ref())
                        && let Some(key) = keys.get_mut(key)
                    {
                        key.default = Some((value, start..before));
                    }
                } else if local == "key" {
                    current_key = None;
                }
                close(
                    &local, &mut owner, &mut data, &mut graph, &keys, before, after,
                );
            }
            Event::Text(content) => {
                if let Some((at, written)) = non_xml_char(&text[tag.clone()]) {
                    return Err(not_xml_char(
                        tag.start + at.start..tag.start + at.end,
                        &written,
                    ));
                }
                let content = content.xml_content(XmlVersion::Implicit1_0);
                push_text(&mut data, &mut default_text, &content);
            }
            Event::CData(content) => {
                if let Some((at, written)) = non_xml_char(&text[tag.clone()]) {
                    return Err(not_xml_char(
                        tag.start + at.start..tag.start + at.end,
                        &written,
                    ));
                }
                let content = content.xml_content(XmlVersion::Implicit1_0);
                push_text(&mut data, &mut default_text, &content);
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) if is_xml_char(c) => c.to_string(),
                    Ok(Some(_)) | Err(_) => {
                        return Err(not_xml_char(tag, &format!("&{};", &*reference)));
                    }
                    Ok(None) => resolve_predefined_entity(&reference)
                        .map(str::to_owned)
                        .ok_or_else(|| {
                            Problem::at(tag.clone(), format!("unknown entity &{};", &*reference))
                                .label("not an XML entity")
                                .help(Some(
                                    "XML knows &amp; &lt; &gt; &quot; &apos; and &#…; only; write & as &amp;"
                                        .into(),
                                ))
                        })?,
                };
                push_text(&mut data, &mut default_text, &resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some((name, start)) = open.last() {
        let end = text.len();
        return Err(Box::new(
            Problem::at(
                *start..(*start + 1).min(end),
                format!("the file ends inside <{name}>"),
            )
            .label("opened here, never closed")
            .help(Some(format!("close it with </{name}>"))),
        ));
    }
    if !seen_root {
        return Err(Box::new(
            Problem::at(0..0, "the file has no <graphml> element")
                .label("expected <graphml>")
                .help(Some(
                    "a GraphML file holds <graphml><graph>…</graph></graphml>".into(),
                )),
        ));
    }
    apply_defaults(&mut graph, &keys);
    Ok(graph)
}

fn push_text(
    data: &mut Option<OpenData>,
    default_text: &mut Option<(String, usize)>,
    content: &str,
) {
    if let Some(open_data) = data {
        open_data.value.push_str(content);
    } else if let Some((value, _)) = default_text {
        value.push_str(content);
    }
}

/// Ends an element: a `<data>` becomes an item of its owner; a node, an
/// edge or the graph stops owning data.
fn close(
    local: &str,
    owner: &mut Vec<Owner>,
    data: &mut Option<OpenData>,
    graph: &mut ForeignGraph,
    keys: &HashMap<String, Key>,
    content_end: usize,
    after: usize,
) {
    match local {
        "data" => {
            let Some(OpenData {
                key,
                value,
                start,
                nested,
            }) = data.take()
            else {
                return;
            };
            let name = keys.get(&key).map_or(key.clone(), |k| k.name.clone());
            // yEd puts a label inside nested elements; their text is the
            // value, without the layout's white space.
            let value = if nested {
                value.trim().to_owned()
            } else {
                value
            };
            let span = if start < content_end {
                start..content_end
            } else {
                start..after
            };
            let item = Item {
                key: name,
                value,
                span,
            };
            match owner.last() {
                Some(Owner::Node) => graph.nodes.push_item(item),
                Some(Owner::Edge) => graph.edges.push_item(item),
                Some(Owner::Graph) => graph.items.push(item),
                None => {}
            }
        }
        "node" | "edge" | "graph" => {
            let expected = match local {
                "node" => Owner::Node,
                "edge" => Owner::Edge,
                _ => Owner::Graph,
            };
            if owner.last() == Some(&expected) {
                owner.pop();
            }
        }
        _ => {}
    }
}

/// Gives each node and edge the default of every key it has no value for.
fn apply_defaults(graph: &mut ForeignGraph, keys: &HashMap<String, Key>) {
    let mut defaults: Vec<(&Key, &String, &Range<usize>)> = keys
        .values()
        .filter_map(|key| key.default.as_ref().map(|(v, s)| (key, v, s)))
        .collect();
    defaults.sort_by_key(|(_, _, span)| span.start);
    for (key, value, span) in defaults {
        let item = || Item {
            key: key.name.clone(),
            value: value.clone(),
            span: span.clone(),
        };
        if matches!(key.domain.as_str(), "node" | "all") {
            graph.nodes.push_default(item());
        }
        if matches!(key.domain.as_str(), "edge" | "all") {
            graph.edges.push_default(item());
        }
    }
}

/// An element's attributes: name → (value, where the value is).
type Attributes = HashMap<String, (String, Range<usize>)>;

/// The attributes of an element by local name, each with its value and
/// where the value is.
fn attributes(
    text: &str,
    element: &BytesStart<'_>,
    tag: &Range<usize>,
) -> Result<Attributes, Box<Problem>> {
    let mut found = HashMap::new();
    let raw = &text[tag.clone()];
    for attribute in element.attributes() {
        let attribute = attribute.map_err(|err| {
            Problem::at(tag.clone(), format!("a broken attribute: {err}"))
                .label("here")
                .help(Some("attributes are written name=\"value\"".into()))
        })?;
        let name = attribute.key.local_name().as_ref().to_owned();
        let qualified = attribute.key.as_ref().to_owned();
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| {
                Problem::at(tag.clone(), format!("a broken attribute value: {err}"))
                    .label("here")
                    .help(Some("write & as &amp; and < as &lt; inside values".into()))
            })?
            .into_owned();
        // The value's place: after `name=` and its quote.
        let span = raw
            .find(&format!("{qualified}="))
            .map(|at| {
                let start = tag.start + at + qualified.len() + 2;
                start..(start + attribute.value.len()).min(tag.end)
            })
            .unwrap_or(tag.clone());
        if let Some((_, written)) = non_xml_char(&value) {
            return Err(not_xml_char(span, &written));
        }
        let name = if qualified.contains('.') {
            qualified
        } else {
            name
        };
        found.insert(name, (value, span));
    }
    Ok(found)
}

fn xml_error(text: &str, at: usize, err: &quick_xml::Error) -> Problem {
    let at = crate::load::diagnostic::floor_char_boundary(text, at.min(text.len()));
    let end = (at + 1..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    let help = match err {
        quick_xml::Error::IllFormed(_) => {
            "every <tag> needs its </tag> (or is written <tag/>), closed in the order opened"
        }
        quick_xml::Error::Syntax(_) => {
            "check the < > and quotes around this spot; XML has no unquoted attribute values"
        }
        _ => "GraphML is XML; an XML editor or `xmllint --noout FILE` shows the same spot",
    };
    Problem::at(at..end, format!("the XML is broken: {err}"))
        .label("here")
        .help(Some(help.to_owned()))
}

/// The data set as GraphML, with a `<key>` for every field kgx has and
/// every attribute name in use, readable back into the same data.
pub fn write(dataset: &Dataset) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    let graph_keys = ["title", "description", "sources"];
    let node_keys = [
        "label",
        "kind",
        "aliases",
        "summary",
        "roles",
        "date",
        "external_ids",
    ];
    let edge_keys = ["kind", "label", "date", "status", "stance", "evidence"];
    for name in graph_keys {
        key(&mut out, &format!("g_{name}"), "graph", name, "string");
    }
    for name in node_keys {
        key(&mut out, &format!("n_{name}"), "node", name, "string");
    }
    for name in edge_keys {
        key(&mut out, &format!("e_{name}"), "edge", name, "string");
    }
    key(&mut out, "e_directed", "edge", "directed", "boolean");
    let node_attributes = attribute_types(dataset.actors.iter().map(|a| &a.attributes));
    let edge_attributes = attribute_types(dataset.relations.iter().map(|r| &r.attributes));
    let mut node_ids = BTreeMap::new();
    for (index, (name, kind)) in node_attributes.iter().enumerate() {
        let id = format!("na{index}");
        key(&mut out, &id, "node", name, kind);
        node_ids.insert(name.clone(), id);
    }
    let mut edge_ids = BTreeMap::new();
    for (index, (name, kind)) in edge_attributes.iter().enumerate() {
        let id = format!("ea{index}");
        key(&mut out, &id, "edge", name, kind);
        edge_ids.insert(name.clone(), id);
    }

    // A graph of symmetric relations only is an undirected graph. In a
    // mixed one, a symmetric relation says so in a `directed` value rather
    // than the XML attribute, which networkx refuses in a directed graph.
    let undirected = !dataset.relations.is_empty() && dataset.relations.iter().all(|r| !r.directed);
    out.push_str(&format!(
        "  <graph id=\"G\" edgedefault=\"{}\">\n",
        if undirected { "undirected" } else { "directed" }
    ));
    data(&mut out, "    ", "g_title", &dataset.title);
    if let Some(description) = &dataset.description {
        data(&mut out, "    ", "g_description", description);
    }
    if !dataset.sources.is_empty() {
        let sources: Vec<_> = dataset.sources.iter().map(export::source_json).collect();
        data(&mut out, "    ", "g_sources", &json!(sources).to_string());
    }
    for actor in &dataset.actors {
        out.push_str(&format!(
            "    <node id=\"{}\">\n",
            escape(actor.id.as_str())
        ));
        let indent = "      ";
        data(&mut out, indent, "n_label", &actor.name);
        data(&mut out, indent, "n_kind", actor.kind.name());
        if !actor.aliases.is_empty() {
            data(
                &mut out,
                indent,
                "n_aliases",
                &json!(actor.aliases).to_string(),
            );
        }
        if let Some(summary) = &actor.summary {
            data(&mut out, indent, "n_summary", summary);
        }
        if !actor.roles.is_empty() {
            let roles: Vec<_> = actor
                .roles
                .iter()
                .map(|role| {
                    json!({"title": role.title, "of": role.of, "date": role.date.map(|d| d.to_string())})
                })
                .collect();
            data(&mut out, indent, "n_roles", &json!(roles).to_string());
        }
        if let Some(date) = actor.date {
            data(&mut out, indent, "n_date", &date.to_string());
        }
        if !actor.external_ids.is_empty() {
            data(
                &mut out,
                indent,
                "n_external_ids",
                &json!(actor.external_ids).to_string(),
            );
        }
        for (name, value) in &actor.attributes {
            data(&mut out, indent, &node_ids[name], value);
        }
        out.push_str("    </node>\n");
    }
    for relation in &dataset.relations {
        out.push_str(&format!(
            "    <edge source=\"{}\" target=\"{}\">\n",
            escape(relation.from.as_str()),
            escape(relation.to.as_str())
        ));
        let indent = "      ";
        data(&mut out, indent, "e_kind", &relation.kind);
        if !relation.directed && !undirected {
            data(&mut out, indent, "e_directed", "false");
        }
        if let Some(label) = &relation.label {
            data(&mut out, indent, "e_label", label);
        }
        if let Some(date) = relation.date {
            data(&mut out, indent, "e_date", &date.to_string());
        }
        data(&mut out, indent, "e_status", relation.status.name());
        data(&mut out, indent, "e_stance", relation.stance.name());
        if !relation.evidence.is_empty() {
            let evidence: Vec<_> = relation
                .evidence
                .iter()
                .map(|e| json!({"source": e.source, "quote": e.quote, "attributed_to": e.attributed_to}))
                .collect();
            data(&mut out, indent, "e_evidence", &json!(evidence).to_string());
        }
        for (name, value) in &relation.attributes {
            data(&mut out, indent, &edge_ids[name], value);
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// Every attribute name in use, with its GraphML type: `double` when every
/// value is a number (so Gephi can size by a weight), else `string`.
fn attribute_types<'a>(
    maps: impl Iterator<Item = &'a BTreeMap<String, String>>,
) -> BTreeMap<String, &'static str> {
    let mut names: BTreeMap<String, bool> = BTreeMap::new();
    for map in maps {
        for (name, value) in map {
            let numeric = value.trim().parse::<f64>().is_ok_and(f64::is_finite);
            *names.entry(name.clone()).or_insert(true) &= numeric;
        }
    }
    names
        .into_iter()
        .map(|(name, numeric)| (name, if numeric { "double" } else { "string" }))
        .collect()
}

fn key(out: &mut String, id: &str, domain: &str, name: &str, kind: &str) {
    out.push_str(&format!(
        "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{}\" attr.type=\"{kind}\"/>\n",
        escape(name)
    ));
}

fn data(out: &mut String, indent: &str, key: &str, value: &str) {
    out.push_str(&format!(
        "{indent}<data key=\"{key}\">{}</data>\n",
        escape_text(value)
    ));
}

/// `text` with every character XML 1.0 cannot hold (controls other than
/// tab and line breaks, U+FFFE, U+FFFF) replaced by U+FFFD, and how many
/// were replaced: networkx and every other reader must be able to read
/// what kgx writes.
pub fn xml_safe(text: String) -> (String, usize) {
    let replaced = text.chars().filter(|&c| !is_xml_char(c)).count();
    if replaced == 0 {
        return (text, 0);
    }
    let text = text
        .chars()
        .map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' })
        .collect();
    (text, replaced)
}

/// Whether XML 1.0 holds `c` (its `Char` production): tab, line breaks
/// and everything from U+0020 but U+FFFE and U+FFFF.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The problem of a character XML 1.0 does not hold, written as it is or
/// as a reference: the file is not well-formed XML, and another tool
/// would refuse it.
fn not_xml_char(span: Range<usize>, written: &str) -> Box<Problem> {
    Box::new(
        Problem::at(span, format!("{written} names no character XML allows"))
            .label("not an XML character")
            .help(Some(
                "XML 1.0 holds tab, line breaks and U+0020 upwards (not U+FFFE, U+FFFF), written as they are or as &#…;; not U+0000 or other controls".into(),
            )),
    )
}

/// The first character of `text` XML 1.0 does not hold: where it is in
/// `text`, and its name for a message.
fn non_xml_char(text: &str) -> Option<(Range<usize>, String)> {
    text.char_indices()
        .find(|&(_, c)| !is_xml_char(c))
        .map(|(at, c)| (at..at + c.len_utf8(), format!("U+{:04X}", u32::from(c))))
}

/// Text content escaped so that it reads back exactly: markup characters
/// as entities, and the line breaks and tabs XML would otherwise normalise
/// as character references.
fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_read_through_entities_character_references_and_cdata() {
        let text = "<graphml><key id=\"l\" for=\"node\" attr.name=\"label\"/><graph>\
            <node id=\"a\"><data key=\"l\">&lt;A&gt; &#x41;&#13;<![CDATA[<b> & c]]></data></node>\
            </graph></graphml>";
        let graph = parse(text, &mut Vec::new()).expect("valid GraphML");
        assert_eq!(graph.nodes.get(0).items[0].value, "<A> A\r<b> & c");
    }

    #[test]
    fn written_text_keeps_markup_and_carriage_returns() {
        assert_eq!(escape_text("a<b>&\r\n"), "a&lt;b&gt;&amp;&#13;\n");
    }

    #[test]
    fn attribute_types_are_double_only_when_every_value_is_a_number() {
        let a: BTreeMap<String, String> =
            [("weight".into(), "2.5".into()), ("note".into(), "x".into())].into();
        let b: BTreeMap<String, String> = [("weight".into(), "3".into())].into();
        let types = attribute_types([&a, &b].into_iter());
        assert_eq!(types["weight"], "double");
        assert_eq!(types["note"], "string");
    }
}
