//! The `kgx` command line: argument parsing and the headless commands.
//! Each command loads a data set, asks the graph, and prints text or JSON;
//! none of them touches the terminal beyond writing to it.

mod generate;
mod text;

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use serde_json::json;

use crate::export;
use crate::graph::{KnowledgeGraph, NodeIndex, Path, PathOptions, Resolution};
use crate::load::{self, Input, LoadError};

/// Explore a knowledge graph of actors and dated, sourced relations.
///
/// Without a command, kgx opens the interactive explorer (or prints an
/// overview when its output is not a terminal). FILE is a RON data file
/// (see docs/format.md); `-` reads standard input; without one, kgx uses
/// its embedded seed graph (the Russia–Syria talks of July 2025).
#[derive(Debug, Parser)]
#[command(name = "kgx", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Data file to open [default: the embedded seed graph]
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
    /// Leave the mouse to the terminal (text selection); M toggles it later
    #[arg(long)]
    no_mouse: bool,
}

/// A request to open the interactive explorer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explore {
    /// The data set to open.
    pub input: Input,
    /// Capture the mouse from the start.
    pub mouse: bool,
}

impl Cli {
    /// The explorer request, when the command line asks for the explorer.
    pub fn explore(&self) -> Option<Explore> {
        match &self.command {
            None => Some(Explore {
                input: Input::from_arg(self.file.as_deref()),
                mouse: !self.no_mouse,
            }),
            Some(Command::Explore { file, no_mouse }) => Some(Explore {
                input: file.input(),
                mouse: !no_mouse,
            }),
            Some(_) => None,
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Open the interactive explorer (the default without a command)
    Explore {
        #[command(flatten)]
        file: FileArg,
        /// Leave the mouse to the terminal (text selection); M toggles it later
        #[arg(long)]
        no_mouse: bool,
    },
    /// Check a data file and report every problem in it
    Validate(FileArg),
    /// Count actors and relations by kind, and list the most connected actors
    Stats {
        #[command(flatten)]
        file: FileArg,
        /// How many of the most connected actors to list
        #[arg(long, default_value_t = 10, value_name = "N")]
        top: usize,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Show an actor's card and all its relations, with their evidence
    Show {
        /// An actor's id, name or alias, or a part of a name that only it has
        actor: String,
        #[command(flatten)]
        file: FileArg,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Find the shortest connections between two actors
    Path {
        /// Where the path starts (id, name, alias or a unique part of one)
        from: String,
        /// Where the path ends
        to: String,
        #[command(flatten)]
        file: FileArg,
        /// Follow relations only the way they point
        #[arg(long)]
        directed: bool,
        /// Do not pass through this actor (repeatable)
        #[arg(long, value_name = "ACTOR")]
        avoid: Vec<String>,
        /// Show at most this many paths of the shortest length
        #[arg(long, default_value_t = 5, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        k: u16,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Write a synthetic graph of any size, the same for the same seed
    Gen(generate::GenArgs),
    /// Write the whole graph as JSON or RON
    Export {
        #[command(flatten)]
        file: FileArg,
        /// Output format
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to this file instead of standard output
        #[arg(long, short, value_name = "PATH")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
struct FileArg {
    /// Data file (RON); `-` reads standard input [default: the embedded seed graph]
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ExportFormat {
    /// The JSON shape documented in docs/format.md
    Json,
    /// kgx's own format, loadable again
    Ron,
}

/// Where command output goes, and whether diagnostics may use colour.
pub struct Output<'a> {
    /// Normal output (standard output).
    pub out: &'a mut dyn Write,
    /// Errors and diagnostics (standard error).
    pub err: &'a mut dyn Write,
    /// Style diagnostics with ANSI colour.
    pub color: bool,
    /// Columns to wrap diagnostics at.
    pub width: usize,
}

/// What a command ended in; becomes the process's exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Done (status 0).
    Success,
    /// Invalid data, or an actor not found (status 1).
    Failure,
}

/// Runs a parsed command line.
pub fn run(cli: Cli, output: &mut Output<'_>) -> io::Result<Outcome> {
    match cli.command {
        None => with_graph(
            &Input::from_arg(cli.file.as_deref()),
            output,
            |graph, out| {
                text::overview(graph, out)?;
                Ok(Outcome::Success)
            },
        ),
        Some(Command::Explore { .. }) => {
            writeln!(
                output.err,
                "error: the explorer needs a terminal; in scripts use kgx stats, show, path or export"
            )?;
            Ok(Outcome::Failure)
        }
        Some(Command::Validate(file)) => {
            let input = file.input();
            with_graph(&input, output, |graph, out| {
                writeln!(
                    out.out,
                    "{}: valid — {}, {}, {}",
                    input.name(),
                    text::plural(graph.actor_count(), "actor", "actors"),
                    text::plural(graph.relation_count(), "relation", "relations"),
                    text::plural(graph.sources().len(), "source", "sources"),
                )?;
                Ok(Outcome::Success)
            })
        }
        Some(Command::Stats { file, top, json }) => {
            with_graph(&file.input(), output, |graph, out| {
                if json {
                    print_json(out, &stats_json(graph, top))?;
                } else {
                    text::stats(graph, top, out)?;
                }
                Ok(Outcome::Success)
            })
        }
        Some(Command::Show { actor, file, json }) => {
            with_graph(&file.input(), output, |graph, out| {
                let Some(node) = resolve(graph, &actor, out)? else {
                    return Ok(Outcome::Failure);
                };
                if json {
                    print_json(out, &show_json(graph, node))?;
                } else {
                    text::card(graph, node, out)?;
                }
                Ok(Outcome::Success)
            })
        }
        Some(Command::Path {
            from,
            to,
            file,
            directed,
            avoid,
            k,
            json,
        }) => with_graph(&file.input(), output, |graph, out| {
            let Some(start) = resolve(graph, &from, out)? else {
                return Ok(Outcome::Failure);
            };
            let Some(goal) = resolve(graph, &to, out)? else {
                return Ok(Outcome::Failure);
            };
            // One path more than shown tells whether there are more.
            let mut options = PathOptions {
                directed,
                limit: usize::from(k) + 1,
                ..PathOptions::default()
            };
            for name in &avoid {
                let Some(node) = resolve(graph, name, out)? else {
                    return Ok(Outcome::Failure);
                };
                options.avoid.insert(node);
            }
            let mut paths = graph.shortest_paths(start, goal, &options);
            let more = paths.len() > usize::from(k);
            paths.truncate(usize::from(k));
            if json {
                print_json(out, &paths_json(graph, start, goal, &options, &paths, more))?;
            } else {
                text::paths(graph, start, goal, &options, &paths, more, out)?;
            }
            Ok(if paths.is_empty() {
                Outcome::Failure
            } else {
                Outcome::Success
            })
        }),
        Some(Command::Gen(args)) => generate::run(args, output),
        Some(Command::Export {
            file,
            format,
            output: path,
        }) => with_graph(&file.input(), output, |graph, out| {
            let dataset = graph.to_dataset();
            let text = match format {
                ExportFormat::Json => {
                    let mut text = serde_json::to_string_pretty(&export::to_json(&dataset))?;
                    text.push('\n');
                    text
                }
                ExportFormat::Ron => export::to_ron(&dataset).map_err(io::Error::other)?,
            };
            match path {
                Some(path) => std::fs::write(&path, text).map_err(|err| {
                    io::Error::new(
                        err.kind(),
                        format!("cannot write {}: {err}", path.display()),
                    )
                })?,
                None => out.out.write_all(text.as_bytes())?,
            }
            Ok(Outcome::Success)
        }),
    }
}

impl FileArg {
    fn input(&self) -> Input {
        Input::from_arg(self.file.as_deref())
    }
}

/// Loads `input` and runs `command` on the graph, or prints the file's
/// diagnostics and fails.
fn with_graph(
    input: &Input,
    output: &mut Output<'_>,
    command: impl FnOnce(&KnowledgeGraph, &mut Output<'_>) -> io::Result<Outcome>,
) -> io::Result<Outcome> {
    match load_graph(input) {
        Ok(graph) => command(&graph, output),
        Err(error) => {
            output
                .err
                .write_all(error.render_width(output.color, output.width).as_bytes())?;
            Ok(Outcome::Failure)
        }
    }
}

/// Loads and validates a data set and builds its graph.
pub fn load_graph(input: &Input) -> Result<KnowledgeGraph, LoadError> {
    let dataset = load::load(input)?;
    // Validation has checked every relation's ends, so building cannot
    // fail; should it ever, say so as a diagnostic rather than panic.
    KnowledgeGraph::new(dataset).map_err(|err| LoadError {
        name: input.name(),
        text: "".into(),
        problems: vec![load::Problem::whole_file(err.to_string())],
    })
}

/// Candidates listed for an ambiguous name; more would bury the prompt.
const MAX_CANDIDATES: usize = 10;

/// Finds the actor a person named, or explains on standard error why not.
fn resolve(
    graph: &KnowledgeGraph,
    query: &str,
    output: &mut Output<'_>,
) -> io::Result<Option<NodeIndex>> {
    let named = |node: NodeIndex| {
        let actor = graph.actor(node);
        format!("{} ({})", text::label(actor), actor.kind)
    };
    match graph.resolve(query) {
        Resolution::Found(node) => Ok(Some(node)),
        Resolution::Ambiguous(nodes) => {
            writeln!(
                output.err,
                "error: \"{query}\" matches {} actors:",
                nodes.len()
            )?;
            for &node in nodes.iter().take(MAX_CANDIDATES) {
                writeln!(output.err, "  {}", named(node))?;
            }
            if nodes.len() > MAX_CANDIDATES {
                writeln!(output.err, "  … and {} more", nodes.len() - MAX_CANDIDATES)?;
            }
            writeln!(output.err, "name one of them by its id (in brackets)")?;
            Ok(None)
        }
        Resolution::NotFound(suggestions) => {
            write!(output.err, "error: no actor matches \"{query}\"")?;
            match suggestions.as_slice() {
                [] => writeln!(output.err, "; `kgx stats` lists the actors")?,
                [only] => writeln!(output.err, " — did you mean {}?", named(*only))?,
                several => {
                    writeln!(output.err, " — did you mean one of these?")?;
                    for node in several {
                        writeln!(output.err, "  {}", named(*node))?;
                    }
                }
            }
            Ok(None)
        }
    }
}

fn print_json(output: &mut Output<'_>, value: &serde_json::Value) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *output.out, value)?;
    writeln!(output.out)
}

fn stats_json(graph: &KnowledgeGraph, top: usize) -> serde_json::Value {
    let counts = text::Counts::of(graph);
    let components = graph.components();
    json!({
        "title": graph.title(),
        "actors": graph.actor_count(),
        "relations": graph.relation_count(),
        "sources": graph.sources().len(),
        "actor_kinds": counts.actor_kinds.iter().cloned().collect::<BTreeMap<_, _>>(),
        "relation_kinds": counts.relation_kinds.iter().cloned().collect::<BTreeMap<_, _>>(),
        "statuses": counts.statuses.iter().cloned().collect::<BTreeMap<_, _>>(),
        "stances": counts.stances.iter().cloned().collect::<BTreeMap<_, _>>(),
        "components": components.iter().map(|members| {
            members.iter().map(|&node| graph.actor(node).id.clone()).collect::<Vec<_>>()
        }).collect::<Vec<_>>(),
        "most_connected": text::most_connected(graph, top).into_iter().map(|node| {
            let actor = graph.actor(node);
            let degree = graph.degree(node);
            json!({
                "id": actor.id,
                "name": actor.name,
                "kind": actor.kind.name(),
                "relations": degree.total(),
                "outgoing": degree.outgoing,
                "incoming": degree.incoming,
                "mutual": degree.mutual,
            })
        }).collect::<Vec<_>>(),
    })
}

fn show_json(graph: &KnowledgeGraph, node: NodeIndex) -> serde_json::Value {
    let degree = graph.degree(node);
    let links = graph.links(node, &Default::default());
    json!({
        "actor": export::actor_json(graph.actor(node)),
        "outgoing": degree.outgoing,
        "incoming": degree.incoming,
                "mutual": degree.mutual,
        "relations": links.iter().map(|link| json!({
            "direction": text::direction_name(link.direction),
            "other": graph.actor(link.other).id,
            "relation": export::relation_json(graph.relation(link.relation)),
        })).collect::<Vec<_>>(),
    })
}

fn paths_json(
    graph: &KnowledgeGraph,
    start: NodeIndex,
    goal: NodeIndex,
    options: &PathOptions,
    paths: &[Path],
    more: bool,
) -> serde_json::Value {
    let mut avoid: Vec<NodeIndex> = options.avoid.iter().copied().collect();
    avoid.sort();
    json!({
        "from": graph.actor(start).id,
        "to": graph.actor(goal).id,
        "directed": options.directed,
        "avoid": avoid.iter().map(|&node| graph.actor(node).id.clone()).collect::<Vec<_>>(),
        "more": more,
        "paths": paths.iter().map(|path| json!({
            "length": path.hops.len(),
            "hops": path.hops.iter().map(|hop| json!({
                "from": graph.actor(hop.from).id,
                "to": graph.actor(hop.to).id,
                "along": hop.along,
                "relation": export::relation_json(graph.relation(hop.relation)),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}
