//! Exploring a SPARQL endpoint without downloading it: the headless `show`
//! and `path` commands ask for a neighbourhood at a time and read the
//! answer with the same RDF mapping as a file (docs/format.md, "RDF"), so
//! a remote graph shows as a local one does.
//!
//! `show` fetches the focus's neighbourhood (both directions, neighbours'
//! names and types, reified statements with their evidence) in one
//! CONSTRUCT query of at most [`PAGE`] triples. `path` searches from both
//! ends at once, a whole level at a time, fetching each frontier's links
//! in batches of [`BATCH`] resources (`VALUES`) up to [`MAX_HOPS`], then
//! describes only the resources on the shortest paths. Every query has a
//! timeout and a `LIMIT`; answers are cached for the session.

mod cache;
mod client;
mod query;

use std::collections::{HashMap, HashSet, VecDeque};

use oxrdf::{NamedNode, Term};

pub use client::{Access, Endpoint, MAX_WAIT, RemoteError, TIMEOUT, default_user_agent};
#[cfg(test)]
pub(crate) use client::{Reply, Scripted};
pub use query::TextSearch;

use crate::formats::rdf::Syntax;
use crate::formats::rdf::prefixes::Prefixes;
use crate::formats::rdf::vocab::{self, ACTOR};
use crate::formats::{self, Profile};
use crate::graph::{KnowledgeGraph, NodeIndex};
use crate::model::Dataset;

/// The most triples one query returns: a hub's first page.
pub const PAGE: usize = 10_000;
/// The longest path searched for, in hops.
pub const MAX_HOPS: usize = 6;
/// Frontier resources asked about in one query.
pub const BATCH: usize = 100;
/// The most resources a path answer describes.
const MAX_ON_PATHS: usize = 300;

/// What a name typed by a person stands for on the endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// One resource.
    One(NamedNode),
    /// Several resources, with a name of each.
    Several(Vec<(NamedNode, String)>),
    /// Nothing.
    Nothing,
}

/// Finds the resource `text` names: an IRI (`<…>`, `http…`, `urn:…`), a
/// prefixed name (`wd:Q159`), a kgx actor id, else a name or alias, whole
/// (ignoring case) or in part.
pub fn resolve(endpoint: &mut Endpoint, text: &str) -> Result<Found, RemoteError> {
    let text = text.trim();
    let bare = text
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(text);
    if (bare.contains("://") || bare.starts_with("urn:"))
        && let Ok(iri) = NamedNode::new(bare)
    {
        return Ok(Found::One(iri));
    }
    let mut candidates = Vec::new();
    if let Some(iri) = Prefixes::with([])
        .expand(text)
        .and_then(|i| NamedNode::new(i).ok())
    {
        candidates.push(iri);
    }
    candidates.push(vocab::named(ACTOR, text));
    for candidate in candidates {
        if !endpoint.triples(&query::exists(&candidate))?.is_empty() {
            return Ok(Found::One(candidate));
        }
    }
    for part in [false, true] {
        let mut found: Vec<(NamedNode, String)> = Vec::new();
        for triple in endpoint.triples(&query::named(text, part, 50, endpoint.text_search()))? {
            if let (oxrdf::NamedOrBlankNode::NamedNode(subject), Term::Literal(name)) =
                (triple.subject, triple.object)
                && !found.iter().any(|(s, _)| *s == subject)
            {
                found.push((subject, name.value().to_owned()));
            }
        }
        match found.len() {
            0 => continue,
            1 => return Ok(Found::One(found.remove(0).0)),
            _ => return Ok(Found::Several(found)),
        }
    }
    Ok(Found::Nothing)
}

/// A data set read from an endpoint, and whether a query hit its limit
/// (so there is more than was fetched).
pub struct Fetched {
    /// What was fetched, mapped onto actors and relations.
    pub dataset: Dataset,
    /// Whether a query returned a full page.
    pub truncated: bool,
}

/// The focus's neighbourhood as a data set.
pub fn neighbourhood(endpoint: &mut Endpoint, focus: &NamedNode) -> Result<Fetched, RemoteError> {
    let question = match endpoint.profile() {
        Profile::Generic => query::neighbourhood(focus, PAGE),
        Profile::Wikidata => query::wikidata_neighbourhood(focus, endpoint.lang(), PAGE),
    };
    let answer = endpoint.construct(&question)?;
    let truncated = answer.lines().filter(|l| !l.trim().is_empty()).count() >= PAGE;
    Ok(Fetched {
        dataset: read(endpoint, &answer)?,
        truncated,
    })
}

/// How many triples the focus takes part in on the endpoint, to say how
/// much a first page left out.
pub fn triple_count(endpoint: &mut Endpoint, focus: &NamedNode) -> Result<u64, RemoteError> {
    endpoint
        .triples(&query::count(focus))?
        .into_iter()
        .find_map(|triple| match triple.object {
            Term::Literal(count) => count.value().parse().ok(),
            _ => None,
        })
        .ok_or_else(|| {
            RemoteError(format!(
                "the SPARQL endpoint {} did not count",
                endpoint.url()
            ))
        })
}

/// The shortest paths between two resources as a data set holding all of
/// them (and nothing else but the graph's title), or `None` when none is
/// within [`MAX_HOPS`]. Relations count both ways, as `kgx path` does by
/// default.
pub fn paths(
    endpoint: &mut Endpoint,
    from: &NamedNode,
    to: &NamedNode,
) -> Result<Option<Fetched>, RemoteError> {
    let mut links: HashMap<NamedNode, HashSet<NamedNode>> = HashMap::new();
    let mut seen = [HashSet::from([from.clone()]), HashSet::from([to.clone()])];
    let mut frontiers = [vec![from.clone()], vec![to.clone()]];
    let mut hops = 0;
    let mut truncated = false;
    while seen[0].is_disjoint(&seen[1]) {
        if hops >= MAX_HOPS || frontiers.iter().any(Vec::is_empty) {
            return Ok(None);
        }
        let side = usize::from(frontiers[1].len() < frontiers[0].len());
        let mut next = Vec::new();
        for batch in frontiers[side].chunks(BATCH) {
            let question = match endpoint.profile() {
                Profile::Generic => query::frontier(batch, PAGE),
                Profile::Wikidata => query::wikidata_frontier(batch, PAGE),
            };
            let triples = endpoint.triples(&question)?;
            truncated |= triples.len() >= PAGE;
            for triple in triples {
                let (oxrdf::NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) =
                    (triple.subject, triple.object)
                else {
                    continue;
                };
                links.entry(s.clone()).or_default().insert(o.clone());
                links.entry(o.clone()).or_default().insert(s.clone());
                for end in [s, o] {
                    if seen[side].insert(end.clone()) {
                        next.push(end);
                    }
                }
            }
        }
        frontiers[side] = next;
        hops += 1;
    }
    let from_start = distances(&links, from);
    let from_goal = distances(&links, to);
    let Some(&length) = from_start.get(to) else {
        return Ok(None);
    };
    let mut on_paths: Vec<NamedNode> = from_start
        .iter()
        .filter(|(node, d)| from_goal.get(*node).is_some_and(|g| *d + g == length))
        .map(|(node, _)| node.clone())
        .collect();
    on_paths.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    if on_paths.len() > MAX_ON_PATHS {
        return Err(RemoteError(format!(
            "{} actors lie on the shortest paths; kgx describes at most {MAX_ON_PATHS}",
            on_paths.len()
        )));
    }
    let question = match endpoint.profile() {
        Profile::Generic => query::describe(&on_paths, PAGE),
        Profile::Wikidata => query::wikidata_describe(&on_paths, endpoint.lang(), PAGE),
    };
    let answer = endpoint.construct(&question)?;
    truncated |= answer.lines().count() >= PAGE;
    Ok(Some(Fetched {
        dataset: read(endpoint, &answer)?,
        truncated,
    }))
}

/// Hops from `start` to every resource reached through `links`.
fn distances(
    links: &HashMap<NamedNode, HashSet<NamedNode>>,
    start: &NamedNode,
) -> HashMap<NamedNode, usize> {
    let mut found = HashMap::from([(start.clone(), 0)]);
    let mut queue = VecDeque::from([start.clone()]);
    while let Some(node) = queue.pop_front() {
        let next = found[&node] + 1;
        for other in links.get(&node).into_iter().flatten() {
            if !found.contains_key(other) {
                found.insert(other.clone(), next);
                queue.push_back(other.clone());
            }
        }
    }
    found
}

/// An answer (N-Triples or Turtle) read through the RDF mapping.
fn read(endpoint: &Endpoint, answer: &str) -> Result<Dataset, RemoteError> {
    let (url, lang, profile) = (endpoint.url(), endpoint.lang(), endpoint.profile());
    formats::rdf::read(url, answer, Syntax::Turtle, lang, profile).map_err(|error| {
        RemoteError(format!(
            "the SPARQL endpoint's answer does not make a valid graph:\n{}",
            error.render(false)
        ))
    })
}

/// Resources whose name or alias contains `text` (ignoring case), as a
/// data set of named actors: the explorer's `/` filter asking the endpoint.
pub fn search(endpoint: &mut Endpoint, text: &str) -> Result<Fetched, RemoteError> {
    let question = query::named(text, true, SEARCHED, endpoint.text_search());
    let answer = endpoint.construct(&question)?;
    let truncated = answer.lines().filter(|l| !l.trim().is_empty()).count() >= SEARCHED;
    Ok(Fetched {
        dataset: read(endpoint, &answer)?,
        truncated,
    })
}

/// The most resources one search lists.
pub const SEARCHED: usize = 50;

/// The resource an actor read from an endpoint stands for: its own IRI,
/// or its IRI in kgx's namespace; `None` for a blank node, which cannot
/// be asked about.
pub fn resource_of(actor: &crate::model::Actor) -> Option<NamedNode> {
    if let Some(iri) = actor.external_ids.get(vocab::IRI_ID) {
        return NamedNode::new(iri.as_str()).ok();
    }
    (!actor.id.starts_with("_:")).then(|| vocab::named(ACTOR, &actor.id))
}

/// The actor a resource became in a graph read from the endpoint.
pub fn actor_of(graph: &KnowledgeGraph, resource: &NamedNode) -> Option<NodeIndex> {
    let kgx_id = vocab::local_in(ACTOR, resource.as_str());
    graph.actors().find_map(|(node, actor)| {
        let same = kgx_id.as_deref() == Some(actor.id.as_str())
            || actor.external_ids.get(vocab::IRI_ID).map(String::as_str) == Some(resource.as_str());
        same.then_some(node)
    })
}
