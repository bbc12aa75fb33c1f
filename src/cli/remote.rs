//! The headless commands over a SPARQL endpoint (`--sparql URL`): `show`,
//! `timeline`, `stats` and `export` work on one actor's neighbourhood,
//! `path` on the shortest paths between two; the answer is read into a
//! small graph and printed exactly as for a local file.

use std::io::{self, Write};
use std::path::Path;

use oxrdf::NamedNode;

use super::{DEFAULT_PATHS, Outcome, Output, paths_json, print_json, show_json, text};
use crate::formats::Profile;
use crate::graph::{KnowledgeGraph, NodeIndex, PathOptions};
use crate::remote::{self, Access, Endpoint, Fetched, Found, RemoteError};
use crate::safe_text::safe;

/// An endpoint named on the command line, and the config file that says
/// what to send it.
#[derive(Clone, Debug)]
pub struct Remote<'a> {
    /// The endpoint's URL.
    pub url: &'a str,
    /// The config file named with `--config`, else the usual one.
    pub config: Option<&'a Path>,
    /// The language to take names in.
    pub lang: Option<String>,
    /// How the answers map onto actors and relations.
    pub profile: Profile,
}

impl Remote<'_> {
    /// The endpoint, with the User-Agent and headers the config gives it,
    /// or `None` after saying why not.
    fn connect(&self, output: &mut Output<'_>) -> io::Result<Option<Endpoint>> {
        let config = match crate::config::load(self.config) {
            Ok(config) => config,
            Err(error) => {
                let report = error.render_width(output.color, output.width);
                output.err.raw().write_all(report.as_bytes())?;
                return Ok(None);
            }
        };
        let access = Access {
            user_agent: config
                .sparql
                .user_agent
                .clone()
                .unwrap_or_else(remote::default_user_agent),
            headers: config.sparql.headers_for(self.url),
            text_search: config.sparql.text_search,
            ..Access::default()
        };
        // A wait the endpoint asked for is said at once, not after it.
        let endpoint = Endpoint::new(self.url, access).map(|endpoint| {
            Some(
                endpoint
                    .reading(self.lang.clone(), self.profile)
                    .telling(|note| eprintln!("note: {}", safe(note))),
            )
        });
        report(endpoint, output)
    }
}

/// `kgx show ACTOR --sparql URL`.
pub fn show(
    at: Remote<'_>,
    actor: &str,
    json: bool,
    output: &mut Output<'_>,
) -> io::Result<Outcome> {
    around(at, Some(actor), "show", output, |graph, node, out| {
        if json {
            print_json(out, &show_json(graph, node))?;
        } else {
            text::card(graph, node, out)?;
        }
        Ok(Outcome::Success)
    })
}

/// Runs `command` on the neighbourhood of `actor` fetched from the
/// endpoint (what `show` shows), noting on standard error when the
/// endpoint had more than one page; `needs` names the option that gives
/// the actor, for the message when it is missing.
pub fn around(
    at: Remote<'_>,
    actor: Option<&str>,
    needs: &str,
    output: &mut Output<'_>,
    command: impl FnOnce(&KnowledgeGraph, NodeIndex, &mut Output<'_>) -> io::Result<Outcome>,
) -> io::Result<Outcome> {
    let Some(actor) = actor else {
        writeln!(
            output.err,
            "error: kgx {needs} ACTOR is needed with --sparql: an endpoint is asked one actor's neighbourhood at a time, never the whole graph"
        )?;
        return Ok(Outcome::Failure);
    };
    let Some(mut endpoint) = at.connect(output)? else {
        return Ok(Outcome::Failure);
    };
    let fetched = (|| {
        let Some(focus) = find(&mut endpoint, actor, output)? else {
            return Ok(None);
        };
        let fetched = remote::neighbourhood(&mut endpoint, &focus)?;
        let total = if fetched.truncated {
            Some(remote::triple_count(&mut endpoint, &focus)?)
        } else {
            None
        };
        Ok(Some((focus, fetched, total)))
    })();
    let Some((focus, fetched, total)) = report(fetched, output)? else {
        return Ok(Outcome::Failure);
    };
    if let Some(total) = total {
        writeln!(
            output.err,
            "note: {focus} takes part in {total} triples on {}; this is the first page of {}",
            at.url,
            remote::PAGE
        )?;
    }
    let Some((graph, node)) = graph_with(fetched, &focus, total.is_some(), output)? else {
        return Ok(Outcome::Failure);
    };
    command(&graph, node, output)
}

/// `kgx path FROM TO --sparql URL` (with `--all`, every shortest path).
pub fn path(
    at: Remote<'_>,
    [from, to]: [&str; 2],
    all: bool,
    json: bool,
    output: &mut Output<'_>,
) -> io::Result<Outcome> {
    let Some(mut endpoint) = at.connect(output)? else {
        return Ok(Outcome::Failure);
    };
    let found = (|| {
        let Some(start) = find(&mut endpoint, from, output)? else {
            return Ok(None);
        };
        let Some(goal) = find(&mut endpoint, to, output)? else {
            return Ok(None);
        };
        remote::paths(&mut endpoint, &start, &goal).map(|fetched| Some((start, goal, fetched)))
    })();
    let Some((start, goal, fetched)) = report(found, output)? else {
        return Ok(Outcome::Failure);
    };
    let Some(fetched) = fetched else {
        writeln!(
            output.err,
            "no path between {from} and {to} within {} hops on {}",
            remote::MAX_HOPS,
            at.url
        )?;
        return Ok(Outcome::Failure);
    };
    let Some((graph, start)) = graph_with(fetched, &start, false, output)? else {
        return Ok(Outcome::Failure);
    };
    let Some(goal) = remote::actor_of(&graph, &goal) else {
        writeln!(output.err, "error: {to} is not an actor on {}", at.url)?;
        return Ok(Outcome::Failure);
    };
    let shown = if all {
        KnowledgeGraph::MOST_PATHS_LISTED
    } else {
        DEFAULT_PATHS
    };
    let options = PathOptions {
        limit: shown + 1,
        ..PathOptions::default()
    };
    let mut paths = graph.shortest_paths(start, goal, &options);
    let more = paths.len() > shown;
    paths.truncate(shown);
    let request = text::PathRequest {
        start,
        goal,
        options: &options,
        k: None,
        all,
    };
    if json {
        print_json(output, &paths_json(&graph, &request, &paths, more))?;
    } else {
        text::paths(&graph, &request, &paths, more, output)?;
    }
    Ok(if paths.is_empty() {
        Outcome::Failure
    } else {
        Outcome::Success
    })
}

/// The resource a person named, or why there is none on standard error.
fn find(
    endpoint: &mut Endpoint,
    name: &str,
    output: &mut Output<'_>,
) -> Result<Option<NamedNode>, RemoteError> {
    let found = remote::resolve(endpoint, name)?;
    let said = match found {
        Found::One(resource) => return Ok(Some(resource)),
        Found::Nothing => writeln!(
            output.err,
            "error: nothing on {} is named \"{name}\"; give its IRI or prefix:name",
            endpoint.url()
        ),
        Found::Several(candidates) => {
            let mut lines = format!(
                "error: \"{name}\" matches {} resources:\n",
                candidates.len()
            );
            for (resource, label) in candidates.iter().take(10) {
                lines.push_str(&format!("  {label} {resource}\n"));
            }
            lines.push_str("name one of them by its IRI");
            writeln!(output.err, "{lines}")
        }
    };
    said.map_err(|err| RemoteError(err.to_string()))?;
    Ok(None)
}

/// Prints a remote failure; `None` when there was one (or nothing found).
fn report<T>(
    result: Result<Option<T>, RemoteError>,
    output: &mut Output<'_>,
) -> io::Result<Option<T>> {
    match result {
        Ok(found) => Ok(found),
        Err(error) => {
            writeln!(output.err, "error: {error}")?;
            Ok(None)
        }
    }
}

/// The fetched graph and the actor `focus` became in it, noting when the
/// endpoint had more than one page.
fn graph_with(
    fetched: Fetched,
    focus: &NamedNode,
    noted: bool,
    output: &mut Output<'_>,
) -> io::Result<Option<(KnowledgeGraph, NodeIndex)>> {
    if fetched.truncated && !noted {
        writeln!(
            output.err,
            "note: the endpoint has more than kgx fetched ({} triples a query); this is the first page",
            remote::PAGE
        )?;
    }
    let graph = match KnowledgeGraph::new(fetched.dataset) {
        Ok(graph) => graph,
        Err(error) => {
            writeln!(output.err, "error: {error}")?;
            return Ok(None);
        }
    };
    match remote::actor_of(&graph, focus) {
        Some(node) => Ok(Some((graph, node))),
        None => {
            writeln!(
                output.err,
                "error: {focus} has no links or description on the endpoint"
            )?;
            Ok(None)
        }
    }
}
