//! From other tools' nodes and edges to kgx's actors and relations: one
//! mapping shared by GraphML, node-link JSON and CSV, so that a `label`
//! becomes a name the same way wherever it comes from.
//!
//! Readers give [`NodeRecord`]s and [`EdgeRecord`]s with the place of
//! every value in the file, each by its index ([`Records`]): packed in one
//! buffer (GraphML, node-link JSON), or made from places in the text
//! (CSV), one at a time as they are asked for; [`build`] maps them,
//! reports what cannot be mapped (an edge to no node, an id used twice) at
//! that place, and runs kgx's own validation with its findings located the
//! same way. Ids are found through an index of node numbers, never a
//! second copy of the ids.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;

use super::ids::IdIndex;
use super::packed::{Edges, Nodes};
use crate::load::validate::{self, Parts, Step};
use crate::load::warnings::warn;
use crate::load::{Collected, LoadError, Problem};
use crate::model::{
    Actor, ActorKind, Dataset, Evidence, Relation, Role, Source, Stance, Status, When,
};
use crate::suggest;

/// The kind given to nodes whose file says nothing of their kind.
pub const DEFAULT_ACTOR_KIND: &str = "Node";
/// The kind given to edges whose file says nothing of their kind.
pub const DEFAULT_RELATION_KIND: &str = "related_to";

/// One key–value pair of a node or an edge, and where its value is.
#[derive(Clone, Debug)]
pub struct Item {
    /// The attribute's name as the file gives it.
    pub key: String,
    /// The value as text (numbers as written, lists and maps as JSON).
    pub value: String,
    /// Where the value is in the file.
    pub span: Range<usize>,
}

/// A node as another tool wrote it.
#[derive(Clone, Debug)]
pub struct NodeRecord {
    /// The node's id as written.
    pub id: String,
    /// Where the id is.
    pub id_span: Range<usize>,
    /// The whole node.
    pub span: Range<usize>,
    /// Its other attributes, in file order.
    pub items: Vec<Item>,
}

/// An edge as another tool wrote it.
#[derive(Clone, Debug)]
pub struct EdgeRecord {
    /// The id of the node it starts at, as written.
    pub source: String,
    /// Where the source is.
    pub source_span: Range<usize>,
    /// The id of the node it ends at.
    pub target: String,
    /// Where the target is.
    pub target_span: Range<usize>,
    /// Whether this edge reads one way; `None` takes the graph's default.
    pub directed: Option<bool>,
    /// The whole edge.
    pub span: Range<usize>,
    /// Its other attributes, in file order.
    pub items: Vec<Item>,
}

/// A whole graph as another tool wrote it.
#[derive(Clone, Debug, Default)]
pub struct ForeignGraph {
    /// Graph-level attributes (`title`, `description`, `sources`, …).
    pub items: Vec<Item>,
    /// Whether edges read one way unless they say otherwise.
    pub directed: bool,
    /// The nodes, in file order.
    pub nodes: Nodes,
    /// The edges, in file order.
    pub edges: Edges,
}

/// A foreign graph's nodes and edges, each read by its index: a reader
/// may hold them packed ([`ForeignGraph`]), or make each from places in
/// its text when it is asked for (CSV), so that a broken file of a million
/// rows is not held a second time, as strings, while it is checked.
pub(crate) trait Records {
    /// Whether edges read one way unless they say otherwise.
    fn directed(&self) -> bool;
    /// Graph-level attributes (`title`, `description`, `sources`, …).
    fn items(&self) -> &[Item];
    /// How many nodes there are.
    fn node_count(&self) -> usize;
    /// The id of node `index` as written, and where it is.
    fn node_id(&self, index: usize) -> (&str, Range<usize>);
    /// Node `index` whole.
    fn node(&self, index: usize) -> Cow<'_, NodeRecord>;
    /// How many edges there are.
    fn edge_count(&self) -> usize;
    /// Edge `index` whole.
    fn edge(&self, index: usize) -> Cow<'_, EdgeRecord>;
    /// The ids edge `index` names as its source and its target, each with
    /// where it is and which end it is.
    fn edge_ends(&self, index: usize) -> [(&str, Range<usize>, &'static str); 2];
}

impl Records for ForeignGraph {
    fn directed(&self) -> bool {
        self.directed
    }

    fn items(&self) -> &[Item] {
        &self.items
    }

    fn node_count(&self) -> usize {
        self.nodes.len()
    }

    fn node_id(&self, index: usize) -> (&str, Range<usize>) {
        self.nodes.id(index).unwrap_or(("", 0..0))
    }

    fn node(&self, index: usize) -> Cow<'_, NodeRecord> {
        Cow::Owned(self.nodes.get(index))
    }

    fn edge_count(&self) -> usize {
        self.edges.len()
    }

    fn edge(&self, index: usize) -> Cow<'_, EdgeRecord> {
        Cow::Owned(self.edges.get(index))
    }

    fn edge_ends(&self, index: usize) -> [(&str, Range<usize>, &'static str); 2] {
        self.edges.ends(index)
    }
}

/// Maps a foreign graph onto a validated data set, or reports every
/// problem in `text` (the file called `name`).
pub(crate) fn build(name: &str, text: &str, graph: impl Records) -> Result<Dataset, LoadError> {
    let fail = |problems: Collected| {
        let mut problems = problems.into_problems();
        // Problems with no place (the count of those not listed) go last.
        problems.sort_by_key(|p| p.span.as_ref().map_or(usize::MAX, |s| s.start));
        Err(LoadError {
            name: name.to_owned(),
            text: Arc::from(text),
            problems,
        })
    };
    // The first problems in full, the rest counted: an edge list naming a
    // million missing nodes costs neither a million messages nor a
    // million searches for the closest id.
    let mut problems = Collected::default();
    let first = first_ids(&graph, &mut problems);
    let known = |id: &str| first.get(id, |index| graph.node_id(index).0).is_some();
    // Every end is looked up before any actor is made: a file naming a
    // million missing nodes is refused without making its actors. (What
    // making them warns of is not shown for a file that is refused.)
    for index in 0..graph.edge_count() {
        for (id, span, which) in graph.edge_ends(index) {
            if !known(id) {
                problems.push_with(|| no_node(&graph, id, &span, which));
            }
        }
    }
    if !problems.is_empty() {
        return fail(problems);
    }
    // A value that replaces an earlier one of the same name is lost.
    let mut replaced = Vec::new();
    let actors = actors(name, text, &graph, &first, &mut replaced);
    let kgx_id = |id: &str| {
        first
            .get(id, |index| graph.node_id(index).0)
            .map(|index| actors[index].id.as_str())
    };
    let mut relations = Vec::with_capacity(graph.edge_count());
    for index in 0..graph.edge_count() {
        let edge = graph.edge(index);
        // Every end was found above.
        if let (Some(from), Some(to)) = (kgx_id(&edge.source), kgx_id(&edge.target)) {
            relations.push(relation(&edge, graph.directed(), from, to, &mut replaced));
        }
    }
    // Validation makes its own index of the ids: this one goes first.
    drop(first);
    for (key, span) in replaced {
        warn(
            name,
            text,
            Problem::at(
                span,
                format!("a second \"{key}\" replaces the first, which is left out"),
            )
            .label("given twice")
            .help(Some("give each value its own name".into())),
        );
    }

    let mut dataset = Dataset {
        title: String::new(),
        description: None,
        sources: Vec::new(),
        actors,
        relations,
    };
    let left_out = |item: &Item, why: &str| {
        warn(
            name,
            text,
            Problem::at(
                item.span.clone(),
                format!("the graph's \"{}\" {why}, and is left out", item.key),
            )
            .label("not read")
            .help(Some(
                "kgx keeps a graph's title, description and sources".into(),
            )),
        );
    };
    for item in graph.items() {
        match folded(&item.key).as_str() {
            "title" | "name" | "label"
                if dataset.title.is_empty() && !item.value.trim().is_empty() =>
            {
                dataset.title = item.value.clone();
            }
            "description" if dataset.description.is_none() => {
                dataset.description = Some(item.value.clone());
            }
            "sources" if dataset.sources.is_empty() => {
                match parse_json::<Vec<JsonSource>>(&item.value) {
                    Some(sources) => {
                        dataset.sources = sources.into_iter().map(Source::from).collect()
                    }
                    None => left_out(item, "is not a list of sources kgx reads"),
                }
            }
            _ => left_out(item, "has no place in a kgx graph"),
        }
    }
    if dataset.title.is_empty() {
        dataset.title = title_from(name);
    }
    // Evidence may cite sources a format has no room for (CSV, node-link):
    // such a source is declared with its id as its title.
    for relation in &dataset.relations {
        for evidence in &relation.evidence {
            if !dataset.sources.iter().any(|s| s.id == evidence.source) {
                dataset.sources.push(Source::named(evidence.source.clone()));
            }
        }
    }
    checked(name, text, dataset, |path| locate(&graph, path))
}

/// The data set if it passes kgx's validation, else its problems placed
/// in `text` by `locate`, which finds the value a validation path names.
pub fn checked(
    name: &str,
    text: &str,
    dataset: Dataset,
    locate: impl Fn(&[Step]) -> Range<usize>,
) -> Result<Dataset, LoadError> {
    let found = validate::validate(&Parts::of(&dataset));
    if found.is_empty() {
        return Ok(dataset);
    }
    let mut collected = Collected::default();
    found.place_into(&mut collected, locate);
    let mut problems = collected.into_problems();
    // Problems with no place (the count of those not listed) go last.
    problems.sort_by_key(|p| p.span.as_ref().map_or(usize::MAX, |s| s.start));
    Err(LoadError {
        name: name.to_owned(),
        text: Arc::from(text),
        problems,
    })
}

/// A title for a graph whose file has none: the file's name without its
/// folder and extension.
pub(crate) fn title_from(name: &str) -> String {
    let stem = std::path::Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem.trim().is_empty() {
        "Untitled graph".to_owned()
    } else {
        stem
    }
}

/// The first node of each id as written; every id used twice is
/// reported.
fn first_ids(graph: &impl Records, problems: &mut Collected) -> IdIndex {
    let mut first = IdIndex::default();
    for index in 0..graph.node_count() {
        let (id, span) = graph.node_id(index);
        let earlier = first.insert(id, index, |other| graph.node_id(other).0);
        if earlier != index {
            problems.push_with(|| Problem {
                related: Some((graph.node_id(earlier).1, "first used here".into())),
                ..Problem::at(span, format!("the node id \"{id}\" is used twice"))
                    .label("second use")
                    .help(Some("every node needs its own id".into()))
            });
        }
    }
    first
}

/// Every node's actor, in node order, with an id that follows kgx's
/// rules (not empty, no white space): the id as written where it already
/// does, else one made from it that no other node has, with a warning.
fn actors(
    name: &str,
    text: &str,
    graph: &impl Records,
    first: &IdIndex,
    replaced: &mut Vec<(String, Range<usize>)>,
) -> Vec<Actor> {
    let mut actors: Vec<Actor> = Vec::with_capacity(graph.node_count());
    // The actors whose id was made here, found by that id.
    let mut made = IdIndex::default();
    for index in 0..graph.node_count() {
        let (written, span) = graph.node_id(index);
        if is_kgx_id(written) {
            actors.push(actor(&graph.node(index), written.to_owned(), replaced));
            continue;
        }
        let taken = |id: &str| {
            (is_kgx_id(id) && first.get(id, |other| graph.node_id(other).0).is_some())
                || made.get(id, |other| actors[other].id.as_str()).is_some()
        };
        let id = kgx_id(written, index, taken);
        warn(name, text, Problem::at(span, format!("the node id \"{written}\" is read as \"{id}\""))
            .label("rewritten")
            .help(Some("kgx ids are not empty and hold no spaces or control characters; the id as written stays in the actor's name or its attribute \"id\"".into())));
        actors.push(actor(&graph.node(index), id, replaced));
        made.insert(&actors[index].id, index, |other| actors[other].id.as_str());
    }
    actors
}

/// A kgx id made from the id `written` of node `index`: white space and
/// control characters become `-`, an empty id `node-N`, and a number is
/// added while the id is `taken`.
fn kgx_id(written: &str, index: usize, taken: impl Fn(&str) -> bool) -> String {
    let base: String = written
        .trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    let base = if base.is_empty() {
        format!("node-{}", index + 1)
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

pub(crate) fn is_kgx_id(id: &str) -> bool {
    !id.trim().is_empty() && !id.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The problem of an edge end that names no node.
fn no_node(graph: &impl Records, id: &str, span: &Range<usize>, which: &str) -> Problem {
    let ids = (0..graph.node_count()).map(|index| graph.node_id(index).0);
    let guess = suggest::closest(id, ids, 1);
    let message = match guess.first() {
        Some(guess) => format!("no node \"{id}\" — did you mean \"{guess}\"?"),
        None => format!("no node \"{id}\""),
    };
    let help = if graph.node_count() == 0 {
        "the file declares no nodes; an edge's ends must be node ids".to_owned()
    } else {
        format!("an edge's {which} must be the id of a node in the file")
    };
    Problem::at(span.clone(), message)
        .label(format!("{which} names no node"))
        .help(Some(help))
}

/// An attribute name as the mapping compares it: lower case, letters and
/// digits only, so `Edge Label`, `edge_label` and `EdgeLabel` are one.
pub(crate) fn folded(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `text` as a value of type `T` written as JSON, if it is one.
fn parse_json<T: for<'de> Deserialize<'de>>(text: &str) -> Option<T> {
    serde_json::from_str(text).ok()
}

/// The actor kind a word names, ignoring case and separators (`person`,
/// `armed group`, `ORGANISATION`); any other word is an `Other` kind.
pub fn actor_kind(text: &str) -> ActorKind {
    let folded: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let folded = if folded == "organisation" {
        "organization".to_owned()
    } else {
        folded
    };
    ActorKind::NAMED
        .iter()
        .find(|kind| kind.name().to_lowercase() == folded)
        .cloned()
        .unwrap_or_else(|| ActorKind::Other(text.trim().to_owned()))
}

/// A relation kind in kgx's snake_case from any text (`"Hosted In"` →
/// `hosted_in`), and whether that changed it. Text with no letter to start
/// a kind with gives the default kind.
pub fn relation_kind(text: &str) -> (String, bool) {
    let kind = snake_kind(text);
    let changed = kind != text.trim();
    (kind.into_owned(), changed)
}

/// [`relation_kind`] borrowed from the text when it already is one, as
/// it is on nearly every row of a large edge list.
fn snake_kind(text: &str) -> Cow<'_, str> {
    let trimmed = text.trim();
    let is_snake = trimmed.starts_with(|c: char| c.is_ascii_lowercase())
        && !trimmed.ends_with('_')
        && !trimmed.contains("__")
        && trimmed
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if is_snake {
        return Cow::Borrowed(trimmed);
    }
    let snake: String = trimmed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| word.to_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if snake.starts_with(char::is_alphabetic) {
        Cow::Owned(snake)
    } else {
        Cow::Borrowed(DEFAULT_RELATION_KIND)
    }
}

/// The actor a node maps to; a value that replaces an earlier one of the
/// same name is added to `replaced`, with its place.
pub(crate) fn actor(
    node: &NodeRecord,
    id: String,
    replaced: &mut Vec<(String, Range<usize>)>,
) -> Actor {
    let mut actor = Actor {
        name: String::new(),
        id,
        kind: ActorKind::Other(DEFAULT_ACTOR_KIND.into()),
        aliases: Vec::new(),
        summary: None,
        roles: Vec::new(),
        date: None,
        external_ids: BTreeMap::new(),
        attributes: BTreeMap::new(),
    };
    let mut kind_given = false;
    for item in node
        .items
        .iter()
        .filter(|item| !item.value.trim().is_empty())
    {
        let value = &item.value;
        let kept = match folded(&item.key).as_str() {
            "label" | "name" | "nodelabel" | "nodegraphics" if actor.name.is_empty() => {
                actor.name = value.clone();
                true
            }
            "kind" | "type" if !kind_given && !value.trim().is_empty() => {
                actor.kind = actor_kind(value);
                kind_given = true;
                true
            }
            "aliases" if actor.aliases.is_empty() => parse_json(value)
                .map(|aliases| actor.aliases = aliases)
                .is_some(),
            "summary" | "description" if actor.summary.is_none() => {
                actor.summary = Some(value.clone());
                true
            }
            "date" if actor.date.is_none() => value
                .parse::<When>()
                .map(|date| actor.date = Some(date))
                .is_ok(),
            "roles" if actor.roles.is_empty() => parse_json::<Vec<JsonRole>>(value)
                .map(|roles| actor.roles = roles.into_iter().map(Role::from).collect())
                .is_some(),
            "externalids" if actor.external_ids.is_empty() => parse_json(value)
                .map(|ids| actor.external_ids = ids)
                .is_some(),
            _ => false,
        };
        if !kept
            && actor
                .attributes
                .insert(item.key.clone(), value.clone())
                .is_some()
        {
            replaced.push((item.key.clone(), item.span.clone()));
        }
    }
    if actor.name.is_empty() {
        actor.name = node.id.trim().to_owned();
    } else if actor.id != node.id {
        // The id had to change and the name is not it: keep it as written.
        actor.attributes.insert("id".into(), node.id.clone());
    }
    if actor.name.is_empty() {
        actor.name = actor.id.clone();
    }
    actor
}

fn relation(
    edge: &EdgeRecord,
    directed: bool,
    from: &str,
    to: &str,
    replaced: &mut Vec<(String, Range<usize>)>,
) -> Relation {
    let items = edge.items.iter().map(|item| EdgeItem {
        key: &item.key,
        folded: Cow::Owned(folded(&item.key)),
        value: &item.value,
    });
    let fields = edge_fields(items, edge.directed.unwrap_or(directed));
    for &index in &fields.replaced {
        let item = &edge.items[index];
        replaced.push((item.key.clone(), item.span.clone()));
    }
    Relation {
        from: from.to_owned(),
        to: to.to_owned(),
        kind: fields.kind.into_owned(),
        label: fields.label.map(Cow::into_owned),
        directed: fields.directed,
        date: fields.date,
        status: fields.status,
        stance: fields.stance,
        evidence: fields.evidence,
        attributes: fields
            .attributes
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value.to_owned()))
            .collect(),
    }
}

/// One attribute of an edge as the mapping reads it.
pub(crate) struct EdgeItem<'a, 'k> {
    /// The attribute's name as written.
    pub key: &'a str,
    /// The name as [`folded`] compares it, computed once per column by
    /// readers that meet the same names on every row.
    pub folded: Cow<'k, str>,
    /// The value as text.
    pub value: &'a str,
}

/// A relation's fields as an edge's attributes give them, borrowed from
/// the attributes where they are taken as written.
pub(crate) struct EdgeFields<'a> {
    pub kind: Cow<'a, str>,
    pub label: Option<Cow<'a, str>>,
    pub directed: bool,
    pub date: Option<When>,
    pub status: Status,
    pub stance: Stance,
    pub evidence: Vec<Evidence>,
    /// The attributes the mapping does not read, by name (the last value
    /// of a name given twice).
    pub attributes: BTreeMap<&'a str, &'a str>,
    /// The places, among the items given, of the values that replaced an
    /// earlier one of the same name (a warning: the earlier is lost).
    pub replaced: Vec<usize>,
}

/// Maps an edge's attributes, in file order, onto a relation's fields;
/// `directed` is what the edge reads as unless an attribute says.
pub(crate) fn edge_fields<'a, 'k>(
    items: impl IntoIterator<Item = EdgeItem<'a, 'k>>,
    directed: bool,
) -> EdgeFields<'a> {
    let mut fields = EdgeFields {
        kind: Cow::Borrowed(DEFAULT_RELATION_KIND),
        label: None,
        directed,
        date: None,
        status: Status::default(),
        stance: Stance::default(),
        evidence: Vec::new(),
        attributes: BTreeMap::new(),
        replaced: Vec::new(),
    };
    let mut kind_text = None;
    for (index, item) in items
        .into_iter()
        .enumerate()
        .filter(|(_, item)| !item.value.trim().is_empty())
    {
        let value = item.value;
        let kept = match item.folded.as_ref() {
            // Gephi's edge tables say "Directed" or "Undirected" under Type.
            "type" if value.trim().eq_ignore_ascii_case("directed") => {
                fields.directed = true;
                true
            }
            "type" if value.trim().eq_ignore_ascii_case("undirected") => {
                fields.directed = false;
                true
            }
            "kind" | "type" | "relation" | "relationship" | "predicate" | "interaction"
                if kind_text.is_none() =>
            {
                kind_text = Some(value);
                true
            }
            "label" | "edgelabel" | "edgegraphics" if fields.label.is_none() => {
                fields.label = Some(Cow::Borrowed(value));
                true
            }
            "directed" => match value.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" => {
                    fields.directed = true;
                    true
                }
                "false" | "0" | "no" => {
                    fields.directed = false;
                    true
                }
                _ => false,
            },
            "date" if fields.date.is_none() => value
                .parse::<When>()
                .map(|date| fields.date = Some(date))
                .is_ok(),
            "status" => Status::ALL
                .iter()
                .find(|s| s.name().eq_ignore_ascii_case(value.trim()))
                .map(|&s| fields.status = s)
                .is_some(),
            "stance" => Stance::ALL
                .iter()
                .find(|s| s.name().eq_ignore_ascii_case(value.trim()))
                .map(|&s| fields.stance = s)
                .is_some(),
            "evidence" if fields.evidence.is_empty() => parse_json::<Vec<JsonEvidence>>(value)
                .map(|evidence| {
                    fields.evidence = evidence.into_iter().map(Evidence::from).collect()
                })
                .is_some(),
            _ => false,
        };
        if !kept && fields.attributes.insert(item.key, value).is_some() {
            fields.replaced.push(index);
        }
    }
    if let Some(text) = kind_text {
        let kind = snake_kind(text);
        let changed = kind != text.trim();
        if changed && fields.label.is_none() && text.trim() != kind.replace('_', " ") {
            fields.label = Some(Cow::Borrowed(text.trim()));
        }
        fields.kind = kind;
    }
    fields
}

/// The place in the file of the value at a validation path.
fn locate(graph: &impl Records, path: &[Step]) -> Range<usize> {
    let whole = 0..0;
    let (list, index, field) = match path {
        [Step::Field(list), Step::Index(index), rest @ ..] => (
            *list,
            *index,
            match rest.first() {
                Some(Step::Field(field)) => Some(*field),
                _ => None,
            },
        ),
        _ => return whole,
    };
    let item_span = |items: &[Item], field: &str| {
        items
            .iter()
            .find(|item| folded(&item.key) == folded(field))
            .map(|item| item.span.clone())
    };
    match list {
        "actors" if index < graph.node_count() => {
            let node = graph.node(index);
            match field {
                Some("id") => node.id_span.clone(),
                Some(field) => item_span(&node.items, field).unwrap_or(node.span.clone()),
                None => node.span.clone(),
            }
        }
        "relations" if index < graph.edge_count() => {
            let edge = graph.edge(index);
            match field {
                Some("from") => edge.source_span.clone(),
                Some("to") => edge.target_span.clone(),
                Some(field) => item_span(&edge.items, field).unwrap_or(edge.span.clone()),
                None => edge.span.clone(),
            }
        }
        "actors" | "relations" => whole,
        _ => graph
            .items()
            .iter()
            .find(|item| item.key.eq_ignore_ascii_case(list))
            .map_or(whole, |item| item.span.clone()),
    }
}

/// A source as kgx's JSON export writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonSource {
    id: String,
    title: String,
    #[serde(default)]
    publisher: Option<String>,
    #[serde(default)]
    date: Option<When>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default, deserialize_with = "reliability_letter")]
    reliability: Option<crate::model::Reliability>,
    #[serde(default)]
    text_file: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    background: bool,
}

impl From<JsonSource> for Source {
    fn from(source: JsonSource) -> Self {
        Source {
            id: source.id,
            title: source.title,
            publisher: source.publisher,
            date: source.date,
            url: source.url,
            reliability: source.reliability,
            text_file: source.text_file,
            text: source.text,
            background: source.background,
        }
    }
}

/// Reads an Admiralty grade written as its letter (`"B"`).
fn reliability_letter<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<crate::model::Reliability>, D::Error> {
    use crate::model::Reliability;
    let Some(letter) = Option::<String>::deserialize(deserializer)? else {
        return Ok(None);
    };
    Reliability::ALL
        .into_iter()
        .find(|r| letter.eq_ignore_ascii_case(&r.letter().to_string()))
        .map(Some)
        .ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown reliability \"{letter}\": expected a letter from A to F"
            ))
        })
}

/// A role as kgx's JSON export writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonRole {
    title: String,
    #[serde(default)]
    of: Option<String>,
    #[serde(default)]
    date: Option<When>,
}

impl From<JsonRole> for Role {
    fn from(role: JsonRole) -> Self {
        Role {
            title: role.title,
            of: role.of,
            date: role.date,
        }
    }
}

/// Evidence as kgx's JSON export writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonEvidence {
    source: String,
    quote: String,
    #[serde(default)]
    attributed_to: Option<String>,
}

impl From<JsonEvidence> for Evidence {
    fn from(evidence: JsonEvidence) -> Self {
        Evidence {
            source: evidence.source,
            quote: evidence.quote,
            attributed_to: evidence.attributed_to,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_matched_loosely_and_others_kept() {
        assert_eq!(actor_kind("person"), ActorKind::Person);
        assert_eq!(actor_kind("Armed group"), ActorKind::ArmedGroup);
        assert_eq!(actor_kind("organisation"), ActorKind::Organization);
        assert_eq!(actor_kind(" Treaty "), ActorKind::Other("Treaty".into()));
    }

    #[test]
    fn relation_kinds_become_snake_case() {
        assert_eq!(relation_kind("hosted"), ("hosted".into(), false));
        assert_eq!(relation_kind("Hosted In"), ("hosted_in".into(), true));
        assert_eq!(relation_kind("→ 42"), (DEFAULT_RELATION_KIND.into(), true));
    }
}
