//! The `kgx` command line: argument parsing and the headless commands.
//! Each command loads a data set, asks the graph, and prints text or JSON;
//! none of them touches the terminal beyond writing to it.

mod analysis;
mod config;
mod generate;
mod lint;
mod remote;
mod text;
mod view;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use serde_json::json;

use crate::export;
use crate::formats::{self, Format, Request};
use crate::graph::{
    KnowledgeGraph, NodeIndex, Path, PathOptions, RelationFilter, Resolution, Scope,
};
use crate::load::diagnostic::LineIndex;
use crate::load::{Input, Warnings};
use crate::model::PartialDate;
use crate::safe_text::{self, SafeWriter};

/// Explore a knowledge graph of actors and dated, sourced relations.
///
/// Without a command, kgx opens the interactive explorer (or prints an
/// overview when its output is not a terminal). FILE is a kgx RON file (see
/// docs/format.md), or a GraphML, JSON (kgx's or node-link), CSV, TSV or
/// RDF (Turtle, N-Triples, N-Quads, TriG) file, told by its extension or
/// --format; `-` reads standard input (RON
/// unless --format says otherwise); without one, kgx uses its embedded
/// seed graph (the Russia–Syria talks of July 2025).
///
/// What kgx changes or leaves out of a file it reads (an id with spaces, a
/// GraphML port, a value given twice) or cannot write in a format is a
/// warning on standard error, with its line and column; --deny-warnings
/// makes warnings errors (exit 1, nothing written).
#[derive(Debug, Parser)]
#[command(name = "kgx", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Data file to open [default: the embedded seed graph]
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
    /// Read FILE in this format, whatever its extension
    #[arg(long, value_name = "FORMAT", value_enum)]
    format: Option<ReadFormat>,
    /// The actors (id,name,kind,…) of a CSV/TSV edge list
    #[arg(long, value_name = "FILE")]
    actors: Option<PathBuf>,
    /// The language to take RDF names in (de, en-GB) [default: from LANG]
    #[arg(long, value_name = "TAG")]
    lang: Option<String>,
    /// Map RDF by this profile: wikidata reads qualifiers as dates, references as evidence, deprecated ranks as disputed
    #[arg(long, value_enum, default_value_t, value_name = "PROFILE")]
    profile: ProfileArg,
    /// Leave the mouse to the terminal (text selection); M toggles it later
    #[arg(long)]
    no_mouse: bool,
    /// Explore this SPARQL endpoint, a neighbourhood at a time; FILE is then the actor to open first (an IRI, prefix:name or name)
    #[arg(long, value_name = "URL", conflicts_with_all = ["format", "actors"])]
    sparql: Option<String>,
    #[command(flatten)]
    settings: Settings,
    /// Read at most SIZE bytes of any input (K, M, G, T: powers of 1024) [default: 4G]
    #[arg(long, global = true, value_name = "SIZE", value_parser = crate::load::input::parse_size)]
    max_size: Option<u64>,
    /// Fail (exit 1) when reading or writing a file changes or leaves out anything, instead of warning
    #[arg(long, global = true)]
    deny_warnings: bool,
}

/// The explorer's options that come from the config file too.
#[derive(Clone, Debug, Args)]
struct Settings {
    /// Read the config from PATH instead of the usual place (kgx config --path)
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Do not reload FILE when it changes on disk
    #[arg(long)]
    no_watch: bool,
}

/// A request to open the interactive explorer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explore {
    /// The data set to open.
    pub input: Request,
    /// Capture the mouse from the start.
    pub mouse: bool,
    /// The config file named with `--config`.
    pub config: Option<PathBuf>,
    /// Reload the file when it changes (unless `--no-watch`; the config
    /// may still say no).
    pub watch: bool,
    /// The SPARQL endpoint to explore instead of a file (`--sparql URL`),
    /// and the actor to open first.
    pub sparql: Option<(String, Option<String>)>,
}

impl Cli {
    /// Parses the command line, taking the global options (`--max-size`,
    /// `--deny-warnings`) before a command as well as after it.
    pub fn parse_args() -> Cli {
        Cli::parse_from(globals_after_command(std::env::args_os()))
    }

    /// Puts the limits the command line sets in force, before any input
    /// is read.
    pub fn apply_limits(&self) {
        if let Some(bytes) = self.max_size {
            crate::load::input::set_max_size(bytes);
        }
    }

    /// Whether warnings fail the command (`--deny-warnings`).
    pub fn deny_warnings(&self) -> bool {
        self.deny_warnings
    }

    /// The explorer request, when the command line asks for the explorer.
    pub fn explore(&self) -> Option<Explore> {
        match &self.command {
            None => Some(Explore {
                input: Request {
                    input: Input::from_arg(self.file.as_deref()),
                    format: self.format.map(Format::from),
                    actors: self.actors.clone(),
                    lang: language(self.lang.clone()),
                    profile: self.profile.into(),
                },
                mouse: !self.no_mouse,
                config: self.settings.config.clone(),
                watch: !self.settings.no_watch,
                sparql: self.sparql.clone().map(|url| {
                    let actor = self.file.as_ref().map(|f| f.to_string_lossy().into_owned());
                    (url, actor)
                }),
            }),
            Some(Command::Explore {
                file,
                no_mouse,
                settings,
            }) => Some(Explore {
                input: file.input(),
                mouse: !no_mouse,
                config: settings.config.clone(),
                watch: !settings.no_watch,
                sparql: None,
            }),
            Some(_) => None,
        }
    }
}

/// `args` with the global options written before a command's name moved
/// after it (`kgx --max-size 10G validate big.ron`). clap takes global
/// options after a command; before one, `args_conflicts_with_subcommands`
/// (which keeps `kgx FILE` from ever being read as a command) ends the
/// search for the command at the first option.
pub fn globals_after_command(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    let cli = Cli::command();
    let globals: Vec<(String, bool)> = cli
        .get_arguments()
        .filter(|arg| arg.is_global_set())
        .filter_map(|arg| {
            Some((
                format!("--{}", arg.get_long()?),
                arg.get_action().takes_values(),
            ))
        })
        .collect();
    let mut args: Vec<OsString> = args.into_iter().collect();
    let mut end = 1;
    while let Some(arg) = args.get(end).and_then(|arg| arg.to_str()) {
        let Some((_, takes_value)) = globals
            .iter()
            .find(|(long, _)| arg == long || arg.starts_with(&format!("{long}=")))
        else {
            break;
        };
        end += if *takes_value && !arg.contains('=') {
            2
        } else {
            1
        };
    }
    let is_command = args
        .get(end)
        .and_then(|arg| arg.to_str())
        .is_some_and(|name| cli.find_subcommand(name).is_some());
    if end > 1 && is_command {
        let options: Vec<OsString> = args.drain(1..end).collect();
        args.splice(2..2, options);
    }
    args
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
        #[command(flatten)]
        settings: Settings,
    },
    /// Check a data file and report every problem and warning in it
    Validate {
        #[command(flatten)]
        file: FileArg,
        /// Print the result as JSON: every problem and warning with its severity, line and column
        #[arg(long)]
        json: bool,
    },
    /// Check every fact against its sources: evidence, quotes, dates, stances
    Lint(lint::LintArgs),
    /// Count actors and relations by kind, and list the most connected actors
    ///
    /// With --sparql URL --around ACTOR, what is counted is ACTOR's
    /// neighbourhood on the endpoint (its relations both ways and its
    /// neighbours, as `show --sparql` fetches them), not the whole endpoint.
    Stats {
        #[command(flatten)]
        file: FileArg,
        #[command(flatten)]
        endpoint: EndpointArgs,
        /// With --sparql: the actor whose neighbourhood is counted
        #[arg(long, value_name = "ACTOR", requires = "sparql")]
        around: Option<String>,
        /// How many of the most connected actors to list
        #[arg(long, default_value_t = 10, value_name = "N")]
        top: usize,
        /// Also rank actors by PageRank, with betweenness, component and
        /// the balance of cooperative and hostile relations
        #[arg(long)]
        centrality: bool,
        /// Count only what had begun by this date (e.g. 2024-12)
        #[arg(long, value_name = "DATE")]
        as_of: Option<PartialDate>,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// List dated relations and events in time order
    ///
    /// With --sparql URL, --actor ACTOR is needed: the timeline is that
    /// actor's dated relations (and its own date) fetched from the endpoint.
    Timeline {
        #[command(flatten)]
        file: FileArg,
        #[command(flatten)]
        endpoint: EndpointArgs,
        /// Leave out what began after this date (e.g. 2024-12)
        #[arg(long, value_name = "DATE")]
        as_of: Option<PartialDate>,
        /// Only entries this actor takes part in (needed with --sparql)
        #[arg(long, value_name = "ACTOR")]
        actor: Option<String>,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Show an actor's card and all its relations, with their evidence
    ///
    /// With --sparql URL, ACTOR may also be an IRI or prefix:name; its
    /// relations both ways are fetched in one query of at most 10 000
    /// triples (past that, the first page and a count).
    Show {
        /// An actor's id, name or alias, or a part of a name that only it has
        actor: String,
        #[command(flatten)]
        file: FileArg,
        #[command(flatten)]
        endpoint: EndpointArgs,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Find the shortest connections between two actors
    ///
    /// With --sparql URL, the search runs from both ends on the endpoint,
    /// following relations both ways, up to 6 hops; --directed, --avoid,
    /// --via-kinds and --k need a file.
    Path {
        /// Where the path starts (id, name, alias or a unique part of one)
        from: String,
        /// Where the path ends
        to: String,
        #[command(flatten)]
        file: FileArg,
        #[command(flatten)]
        endpoint: EndpointArgs,
        /// Follow relations only the way they point
        #[arg(long, conflicts_with = "sparql")]
        directed: bool,
        /// Do not pass through this actor (repeatable)
        #[arg(long, value_name = "ACTOR", conflicts_with = "sparql")]
        avoid: Vec<String>,
        /// Use only relations of these kinds (comma-separated)
        #[arg(
            long,
            value_name = "KIND,…",
            value_delimiter = ',',
            conflicts_with = "sparql"
        )]
        via_kinds: Vec<String>,
        /// The N shortest paths of any length that visit no actor twice, N
        /// up to 1000 [default: up to 5 of the shortest]
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=KnowledgeGraph::MOST_PATHS_LISTED as i64), conflicts_with_all = ["all", "sparql"])]
        k: Option<u16>,
        /// Every shortest path, up to 1000
        #[arg(long)]
        all: bool,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Write a synthetic graph of any size, the same for the same seed
    Gen(generate::GenArgs),
    /// Write the graph, or what a view of it shows, in a format: kgx's RON or JSON, GraphML, CSV, Turtle, N-Triples, DOT or Mermaid
    ///
    /// --around, --as-of and the filters choose what the explorer's views
    /// would show: --around ACTOR the graph view's neighbourhood of ACTOR
    /// (--depth 2 two steps out), otherwise the lists' actors and the
    /// relations among them. Actors a written quote or role names but the
    /// view does not show are kept, with a warning, so the file loads
    /// (DOT and Mermaid, which draw neither, leave them out).
    ///
    /// With --sparql URL --around ACTOR, what is written is ACTOR's
    /// neighbourhood on the endpoint (as `show --sparql` fetches it), not
    /// the whole endpoint.
    Export {
        /// Data file; `-` reads standard input [default: the embedded seed graph]
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
        #[command(flatten)]
        endpoint: EndpointArgs,
        /// Only ACTOR's neighbourhood, as the graph view draws it (with --sparql: the actor whose neighbourhood is fetched)
        #[arg(long, value_name = "ACTOR")]
        around: Option<String>,
        /// With --around: one step out, or two
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2), requires = "around", conflicts_with = "sparql")]
        depth: u8,
        #[command(flatten)]
        view: view::ViewArgs,
        /// Output format (csv and tsv with -o also write PATH's actors beside it)
        #[arg(long, value_enum)]
        format: Format,
        /// Read FILE in this format, whatever its extension
        #[arg(long, value_name = "FORMAT", value_enum)]
        from: Option<ReadFormat>,
        /// The actors (id,name,kind,…) of a CSV/TSV edge list
        #[arg(long, value_name = "FILE")]
        actors: Option<PathBuf>,
        /// The language to take RDF names in (de, en-GB) [default: from LANG]
        #[arg(long, value_name = "TAG")]
        lang: Option<String>,
        /// Map RDF by this profile: wikidata reads qualifiers as dates, references as evidence, deprecated ranks as disputed
        #[arg(long, value_enum, default_value_t, value_name = "PROFILE")]
        profile: ProfileArg,
        /// Write to this file instead of standard output
        #[arg(long, short, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Replace PATH (and a CSV's actors file) if it exists
        #[arg(long)]
        force: bool,
        /// Write CSV cells that start with =, +, - or @ as they are, without the ' that keeps spreadsheets from running them
        #[arg(long)]
        keep_formulas: bool,
    },
    /// Convert a graph file from one format to another, by their extensions
    Convert {
        /// The file to read; `-` reads standard input
        #[arg(value_name = "IN")]
        input: PathBuf,
        /// The file to write; `-` writes standard output (then give --to)
        #[arg(value_name = "OUT")]
        output: PathBuf,
        /// Read IN in this format, whatever its extension
        #[arg(long, value_name = "FORMAT", value_enum)]
        from: Option<ReadFormat>,
        /// Write OUT in this format, whatever its extension
        #[arg(long, value_enum, value_name = "FORMAT")]
        to: Option<Format>,
        /// The actors (id,name,kind,…) of a CSV/TSV edge list
        #[arg(long, value_name = "FILE")]
        actors: Option<PathBuf>,
        /// The language to take RDF names in (de, en-GB) [default: from LANG]
        #[arg(long, value_name = "TAG")]
        lang: Option<String>,
        /// Map RDF by this profile: wikidata reads qualifiers as dates, references as evidence, deprecated ranks as disputed
        #[arg(long, value_enum, default_value_t, value_name = "PROFILE")]
        profile: ProfileArg,
        /// Replace OUT (and a CSV's actors file) if it exists
        #[arg(long)]
        force: bool,
        /// Write CSV cells that start with =, +, - or @ as they are, without the ' that keeps spreadsheets from running them
        #[arg(long)]
        keep_formulas: bool,
    },
    /// Check the explorer's config file (keys, theme, mouse, live reload)
    Config {
        /// Print a commented config with every default, to start one from
        #[arg(long, conflicts_with = "path")]
        default: bool,
        /// Print where kgx looks for the config file
        #[arg(long)]
        path: bool,
        /// The config file to check instead of the usual one
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
    /// Print a completion script for bash, zsh, fish, elvish or PowerShell
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// How to reach a SPARQL endpoint, for the commands that can ask one
/// instead of reading a file.
#[derive(Clone, Debug, Args)]
struct EndpointArgs {
    /// Ask this SPARQL endpoint instead of reading a file, a neighbourhood at a time
    #[arg(long, value_name = "URL", conflicts_with = "file")]
    sparql: Option<String>,
    /// Read the User-Agent and headers to send the endpoint from this config file [default: kgx config --path]
    #[arg(long, value_name = "PATH", requires = "sparql")]
    config: Option<PathBuf>,
}

impl EndpointArgs {
    /// The endpoint to ask, if one was named.
    fn remote(&self, lang: Option<String>, profile: ProfileArg) -> Option<remote::Remote<'_>> {
        self.sparql.as_deref().map(|url| remote::Remote {
            url,
            config: self.config.as_deref(),
            lang: language(lang),
            profile: profile.into(),
        })
    }
}

#[derive(Debug, Args)]
struct FileArg {
    /// Data file (RON, JSON, GraphML, CSV, TSV, Turtle, N-Triples, N-Quads, TriG); `-` reads standard input [default: the embedded seed graph]
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
    /// Read FILE in this format, whatever its extension
    #[arg(long, value_name = "FORMAT", value_enum)]
    format: Option<ReadFormat>,
    /// The actors (id,name,kind,…) of a CSV/TSV edge list
    #[arg(long, value_name = "FILE")]
    actors: Option<PathBuf>,
    /// The language to take RDF names in (de, en-GB) [default: from LANG]
    #[arg(long, value_name = "TAG")]
    lang: Option<String>,
    /// Map RDF by this profile: wikidata reads qualifiers as dates, references as evidence, deprecated ranks as disputed
    #[arg(long, value_enum, default_value_t, value_name = "PROFILE")]
    profile: ProfileArg,
}

/// How RDF maps onto actors and relations (docs/format.md).
#[derive(Clone, Copy, Debug, Default, ValueEnum)]
enum ProfileArg {
    /// any RDF
    #[default]
    Generic,
    /// Wikidata's statements, qualifiers, references and ranks
    Wikidata,
}

impl From<ProfileArg> for formats::Profile {
    fn from(profile: ProfileArg) -> Self {
        match profile {
            ProfileArg::Generic => formats::Profile::Generic,
            ProfileArg::Wikidata => formats::Profile::Wikidata,
        }
    }
}

/// Formats as values of `--format` and `--to`: the names and descriptions
/// are the core's, so the command line adds only how clap lists them.
impl ValueEnum for formats::Format {
    fn value_variants<'a>() -> &'a [Self] {
        &formats::Format::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name()).help(self.description()))
    }
}

/// The formats kgx can read, for the options that say how to read a file
/// (so `--help` and shell completion offer only these).
#[derive(Clone, Copy, Debug, ValueEnum)]
enum ReadFormat {
    /// kgx's own format
    Ron,
    /// kgx's JSON export, or node-link JSON (d3, networkx)
    Json,
    /// GraphML (Gephi, yEd, networkx, igraph, Cytoscape)
    #[value(name = "graphml")]
    GraphMl,
    /// an edge list, comma-separated
    Csv,
    /// an edge list, tab-separated
    Tsv,
    /// RDF Turtle
    Turtle,
    /// RDF N-Triples
    #[value(name = "ntriples")]
    NTriples,
    /// RDF N-Quads (named graphs merged)
    #[value(name = "nquads")]
    NQuads,
    /// RDF TriG (named graphs merged)
    #[value(name = "trig")]
    TriG,
}

impl From<ReadFormat> for Format {
    fn from(format: ReadFormat) -> Self {
        match format {
            ReadFormat::Ron => Format::Ron,
            ReadFormat::Json => Format::Json,
            ReadFormat::GraphMl => Format::GraphMl,
            ReadFormat::Csv => Format::Csv,
            ReadFormat::Tsv => Format::Tsv,
            ReadFormat::Turtle => Format::Turtle,
            ReadFormat::NTriples => Format::NTriples,
            ReadFormat::NQuads => Format::NQuads,
            ReadFormat::TriG => Format::TriG,
        }
    }
}

/// Where command output goes, and whether diagnostics may use colour.
/// An export to standard output: the data as it is for a file or a pipe;
/// on a terminal, which would act on the controls and bidirectional
/// overrides in it, made safe as every other text kgx prints.
fn write_export(output: &mut Output<'_>, format: Format, text: &str) -> io::Result<()> {
    match (output.out_is_terminal, format) {
        (false, _) => output.out.raw().write_all(text.as_bytes()),
        (true, Format::Json) => SafeWriter::json(output.out.raw()).write_all(text.as_bytes()),
        (true, _) => output.out.write_all(text.as_bytes()),
    }
}

pub struct Output<'a> {
    /// Normal output (standard output): text through [`SafeWriter`], data
    /// (JSON, exports) through its `raw()`.
    pub out: SafeWriter<&'a mut dyn Write>,
    /// Standard output is a terminal: exports written there are made safe.
    pub out_is_terminal: bool,
    /// Errors and diagnostics (standard error), made safe the same way; a
    /// rendered diagnostic, already safe and maybe coloured, goes raw.
    pub err: SafeWriter<&'a mut dyn Write>,
    /// Style diagnostics with ANSI colour.
    pub color: bool,
    /// Columns to wrap diagnostics at.
    pub width: usize,
    /// Fail when reading or writing changed or left out anything
    /// (`--deny-warnings`).
    pub deny_warnings: bool,
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
    if cli.sparql.is_some() && cli.command.is_none() {
        writeln!(
            output.err,
            "error: exploring an endpoint needs a terminal; in scripts use kgx show, path, timeline, stats or export with --sparql URL"
        )?;
        return Ok(Outcome::Failure);
    }
    match cli.command {
        None => with_graph(
            &Request {
                input: Input::from_arg(cli.file.as_deref()),
                format: cli.format.map(Format::from),
                actors: cli.actors,
                lang: language(cli.lang),
                profile: cli.profile.into(),
            },
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
        Some(Command::Validate { file, json: true }) => validate_json(&file.input(), output),
        Some(Command::Validate { file, json: false }) => {
            let input = file.input();
            with_graph(&input, output, |graph, out| {
                writeln!(
                    out.out,
                    "{}: valid — {}, {}, {}",
                    input.input.name(),
                    text::plural(graph.actor_count(), "actor", "actors"),
                    text::plural(graph.relation_count(), "relation", "relations"),
                    text::plural(graph.sources().len(), "source", "sources"),
                )?;
                Ok(Outcome::Success)
            })
        }
        Some(Command::Lint(args)) => lint::run(args, output),
        Some(Command::Stats {
            file,
            endpoint,
            around,
            top,
            centrality,
            as_of,
            json,
        }) => {
            let count = |graph: &KnowledgeGraph, out: &mut Output<'_>| {
                stats(graph, top, centrality, as_of, json, out)
            };
            match endpoint.remote(file.lang.clone(), file.profile) {
                Some(at) => remote::around(
                    at,
                    around.as_deref(),
                    "stats --around",
                    output,
                    |graph, _, out| count(graph, out),
                ),
                None => with_graph(&file.input(), output, count),
            }
        }
        Some(Command::Timeline {
            file,
            endpoint,
            as_of,
            actor,
            json,
        }) => match endpoint.remote(file.lang.clone(), file.profile) {
            Some(at) => remote::around(
                at,
                actor.as_deref(),
                "timeline --actor",
                output,
                |graph, node, out| timeline(graph, Some(node), as_of, json, out),
            ),
            None => with_graph(&file.input(), output, |graph, out| {
                let focus = match &actor {
                    Some(name) => match resolve(graph, name, out)? {
                        Some(node) => Some(node),
                        None => return Ok(Outcome::Failure),
                    },
                    None => None,
                };
                timeline(graph, focus, as_of, json, out)
            }),
        },
        Some(Command::Show {
            actor,
            file,
            endpoint,
            json,
        }) if endpoint.sparql.is_some() => match endpoint.remote(file.lang.clone(), file.profile) {
            Some(at) => remote::show(at, &actor, json, output),
            None => Ok(Outcome::Failure),
        },
        Some(Command::Path {
            from,
            to,
            file,
            endpoint,
            all,
            json,
            ..
        }) if endpoint.sparql.is_some() => match endpoint.remote(file.lang.clone(), file.profile) {
            Some(at) => remote::path(at, [&from, &to], all, json, output),
            None => Ok(Outcome::Failure),
        },
        Some(Command::Show {
            actor, file, json, ..
        }) => with_graph(&file.input(), output, |graph, out| {
            let Some(node) = resolve(graph, &actor, out)? else {
                return Ok(Outcome::Failure);
            };
            if json {
                print_json(out, &show_json(graph, node))?;
            } else {
                text::card(graph, node, out)?;
            }
            Ok(Outcome::Success)
        }),
        Some(Command::Path {
            from,
            to,
            file,
            directed,
            avoid,
            via_kinds,
            k,
            all,
            json,
            ..
        }) => with_graph(&file.input(), output, |graph, out| {
            let Some(start) = resolve(graph, &from, out)? else {
                return Ok(Outcome::Failure);
            };
            let Some(goal) = resolve(graph, &to, out)? else {
                return Ok(Outcome::Failure);
            };
            let shown = if all {
                KnowledgeGraph::MOST_PATHS_LISTED
            } else {
                DEFAULT_PATHS
            };
            // One path more than shown tells whether there are more.
            let mut options = PathOptions {
                directed,
                limit: shown + 1,
                ..PathOptions::default()
            };
            for name in &avoid {
                let Some(node) = resolve(graph, name, out)? else {
                    return Ok(Outcome::Failure);
                };
                options.avoid.insert(node);
            }
            let Some(kinds) = view::relation_kinds(graph, &via_kinds, out)? else {
                return Ok(Outcome::Failure);
            };
            options.filter.kinds = kinds.into_iter().map(str::to_owned).collect();
            let (paths, more) = match k {
                Some(k) => {
                    let found = graph.k_shortest_paths_within(
                        start,
                        goal,
                        usize::from(k),
                        &options,
                        KnowledgeGraph::PATH_WORK,
                        &|| false,
                    );
                    (found.paths, found.cut)
                }
                None => {
                    let mut paths = graph.shortest_paths(start, goal, &options);
                    let more = paths.len() > shown;
                    paths.truncate(shown);
                    (paths, more)
                }
            };
            let request = text::PathRequest {
                start,
                goal,
                options: &options,
                k: k.map(usize::from),
                all,
            };
            if json {
                print_json(out, &paths_json(graph, &request, &paths, more))?;
            } else {
                text::paths(graph, &request, &paths, more, out)?;
            }
            Ok(if paths.is_empty() {
                Outcome::Failure
            } else {
                Outcome::Success
            })
        }),
        Some(Command::Gen(args)) => generate::run(args, output),
        Some(Command::Export {
            endpoint:
                EndpointArgs {
                    sparql: Some(url),
                    config,
                },
            around,
            view,
            format,
            lang,
            profile,
            output: path,
            force,
            keep_formulas,
            ..
        }) => {
            let guard = crate::save::Guard {
                inputs: Vec::new(),
                force,
            };
            let to = Destination {
                format,
                path: path.as_deref(),
                guard: &guard,
                keep_formulas,
            };
            remote::around(
                remote::Remote {
                    url: &url,
                    config: config.as_deref(),
                    lang: language(lang),
                    profile: profile.into(),
                },
                around.as_deref(),
                "export --around",
                output,
                |graph, node, out| {
                    let shown = match view.is_whole() {
                        true => None,
                        false => match view.shown_around(graph, node, out)? {
                            Some(shown) => Some(shown),
                            None => return Ok(Outcome::Failure),
                        },
                    };
                    write_shown(graph, shown.as_ref(), &to, out)
                },
            )
        }
        Some(Command::Export {
            file,
            around,
            depth,
            view,
            format,
            from,
            actors,
            lang,
            profile,
            output: path,
            force,
            keep_formulas,
            ..
        }) => {
            let request = Request {
                input: Input::from_arg(file.as_deref()),
                format: from.map(Format::from),
                actors,
                lang: language(lang),
                profile: profile.into(),
            };
            let guard = request.guard(force);
            let to = Destination {
                format,
                path: path.as_deref(),
                guard: &guard,
                keep_formulas,
            };
            with_graph(&request, output, |graph, out| {
                // The whole graph is written as it is, streamed where the
                // format allows: no copy of a million relations is made.
                let shown = match (around.as_deref(), view.is_whole()) {
                    (None, true) => None,
                    (around, _) => match view.shown(graph, around, usize::from(depth), out)? {
                        Some(shown) => Some(shown),
                        None => return Ok(Outcome::Failure),
                    },
                };
                write_shown(graph, shown.as_ref(), &to, out)
            })
        }
        Some(Command::Convert {
            input,
            output: path,
            from,
            to,
            actors,
            lang,
            profile,
            force,
            keep_formulas,
        }) => {
            let to_stdout = path.as_os_str() == "-";
            let Some(format) = to.or_else(|| Format::from_path(&path)) else {
                writeln!(
                    output.err,
                    "error: cannot tell the format to write {} in; name it with --to ({})",
                    path.display(),
                    Format::ALL.map(Format::name).join(", ")
                )?;
                return Ok(Outcome::Failure);
            };
            let request = Request {
                input: Input::from_arg(Some(&input)),
                format: from.map(Format::from),
                actors,
                lang: language(lang),
                profile: profile.into(),
            };
            let guard = request.guard(force);
            with_graph(&request, output, |graph, out| {
                let to = Destination {
                    format,
                    path: (!to_stdout).then_some(path.as_path()),
                    guard: &guard,
                    keep_formulas,
                };
                write_graph(graph, &to, out)
            })
        }
        Some(Command::Config {
            default,
            path,
            config,
        }) => config::run(default, path, config.as_deref(), output),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "kgx", output.out.raw());
            Ok(Outcome::Success)
        }
    }
}

/// `kgx stats`: counts, the most connected, and maybe centrality.
fn stats(
    graph: &KnowledgeGraph,
    top: usize,
    centrality: bool,
    as_of: Option<PartialDate>,
    json: bool,
    out: &mut Output<'_>,
) -> io::Result<Outcome> {
    let scope = as_of_scope(graph, as_of);
    let measures = centrality.then(|| graph.centrality(&scope));
    if json {
        let mut value = stats_json(graph, top);
        if let Some(measures) = &measures {
            value["centrality"] = analysis::centrality_json(graph, measures, top);
        }
        if let Some(date) = as_of {
            value["as_of"] = json!(date.to_string());
        }
        print_json(out, &value)?;
    } else {
        text::stats(graph, top, out)?;
        if let Some(date) = as_of {
            writeln!(out.out, "\nAs of {date} (centrality only)")?;
        }
        if let Some(measures) = &measures {
            analysis::centrality_text(graph, measures, top, out)?;
        }
    }
    Ok(Outcome::Success)
}

/// `kgx timeline`: the dated entries in time order, only those `focus`
/// takes part in when there is one.
fn timeline(
    graph: &KnowledgeGraph,
    focus: Option<NodeIndex>,
    as_of: Option<PartialDate>,
    json: bool,
    out: &mut Output<'_>,
) -> io::Result<Outcome> {
    let mut moments = graph.timeline(&as_of_scope(graph, as_of));
    let mut heading = graph.title().to_owned();
    if let Some(node) = focus {
        moments.retain(|moment| match moment.item {
            crate::graph::Dated::Actor(other) => other == node,
            crate::graph::Dated::Relation(edge) => {
                let (from, to) = graph.ends(edge);
                from == node || to == node
            }
        });
        heading = format!("{} in {heading}", graph.actor(node).name);
    }
    if let Some(date) = as_of {
        heading.push_str(&format!(", as of {date}"));
    }
    if json {
        print_json(
            out,
            &analysis::timeline_json(graph, &moments, as_of.map(|d| d.to_string())),
        )?;
    } else {
        analysis::timeline_text(graph, &moments, &heading, out)?;
    }
    Ok(Outcome::Success)
}

/// Where and how a command writes a graph.
struct Destination<'a> {
    format: Format,
    /// The file; `None` writes standard output.
    path: Option<&'a std::path::Path>,
    guard: &'a crate::save::Guard,
    keep_formulas: bool,
}

/// Writes what `shown` holds of `graph`, or all of it when `None`; says
/// on standard error, in the explorer's `:export` words, which actors a
/// written quote or role named although the view does not show them.
fn write_shown(
    graph: &KnowledgeGraph,
    shown: Option<&export::Shown>,
    to: &Destination<'_>,
    output: &mut Output<'_>,
) -> io::Result<Outcome> {
    let Some(shown) = shown else {
        return write_graph(graph, to, output);
    };
    let data = export::shown_data(graph, shown);
    if let Some(warning) = &data.note {
        writeln!(output.err, "warning: {}", safe_text::safe(warning))?;
        if output.deny_warnings {
            writeln!(
                output.err,
                "error: --deny-warnings makes the warning above an error; nothing was written"
            )?;
            return Ok(Outcome::Failure);
        }
    }
    match KnowledgeGraph::new(data.dataset) {
        Ok(part) => write_graph(&part, to, output),
        Err(error) => {
            writeln!(output.err, "error: {}", safe_text::safe(&error.to_string()))?;
            Ok(Outcome::Failure)
        }
    }
}

/// Writes the graph to the destination's file (with a CSV's actors file
/// beside it) or to standard output (a CSV's edges only).
fn write_graph(
    graph: &KnowledgeGraph,
    to: &Destination<'_>,
    output: &mut Output<'_>,
) -> io::Result<Outcome> {
    let Destination {
        format,
        path,
        guard,
        keep_formulas,
    } = *to;
    let options = formats::WriteOptions {
        defuse_formulas: !keep_formulas,
        deny_warnings: output.deny_warnings,
    };
    let warnings = match path {
        Some(path) => formats::write_file(graph, format, path, guard, options)?.warnings,
        None => {
            let written = formats::write_with(graph, format, options)?;
            if !options.deny_warnings || written.warnings.is_empty() {
                write_export(output, format, &written.text)?;
            }
            if matches!(format, Format::Csv | Format::Tsv) {
                writeln!(
                    output.err,
                    "note: only the relations were written; with -o FILE the actors go beside them"
                )?;
            }
            written.warnings
        }
    };
    for warning in &warnings {
        writeln!(output.err, "warning: {warning}")?;
    }
    if output.deny_warnings && !warnings.is_empty() {
        writeln!(
            output.err,
            "error: --deny-warnings makes the warnings above errors; nothing was written"
        )?;
        return Ok(Outcome::Failure);
    }
    Ok(Outcome::Success)
}

impl FileArg {
    fn input(&self) -> Request {
        Request {
            input: Input::from_arg(self.file.as_deref()),
            format: self.format.map(Format::from),
            actors: self.actors.clone(),
            lang: language(self.lang.clone()),
            profile: self.profile.into(),
        }
    }
}

/// The language names are taken in: the one asked for, else the person's
/// from the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: `de_DE.UTF-8` is
/// `de-DE`); none for the C locale.
fn language(asked: Option<String>) -> Option<String> {
    asked.or_else(|| {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .map(|value| {
                let tag = value.split(['.', '@']).next().unwrap_or_default();
                tag.replace('_', "-")
            })
            .filter(|tag| {
                !tag.is_empty()
                    && tag != "C"
                    && tag != "POSIX"
                    && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
    })
}

/// Loads `input` and runs `command` on the graph, or prints the file's
/// diagnostics and fails.
fn with_graph(
    input: &Request,
    output: &mut Output<'_>,
    command: impl FnOnce(&KnowledgeGraph, &mut Output<'_>) -> io::Result<Outcome>,
) -> io::Result<Outcome> {
    match formats::read_graph(input) {
        Ok((graph, warnings)) => match report_warnings(&warnings, output)? {
            Outcome::Success => command(&graph, output),
            Outcome::Failure => Ok(Outcome::Failure),
        },
        Err(error) => {
            output
                .err
                .raw()
                .write_all(error.render_width(output.color, output.width).as_bytes())?;
            Ok(Outcome::Failure)
        }
    }
}

/// Prints what reading a file changed or left out on standard error;
/// fails with `--deny-warnings` when there is anything.
pub(super) fn report_warnings(warnings: &Warnings, output: &mut Output<'_>) -> io::Result<Outcome> {
    if warnings.is_empty() {
        return Ok(Outcome::Success);
    }
    output
        .err
        .raw()
        .write_all(warnings.render(output.color, output.width).as_bytes())?;
    if output.deny_warnings {
        writeln!(
            output.err,
            "error: --deny-warnings makes {} an error",
            match warnings.count() {
                1 => "this warning".to_owned(),
                n => format!("these {n} warnings"),
            }
        )?;
        return Ok(Outcome::Failure);
    }
    Ok(Outcome::Success)
}

/// `kgx validate --json`: whether the file is valid, its counts, and every
/// problem and warning with its severity and place.
fn validate_json(input: &Request, output: &mut Output<'_>) -> io::Result<Outcome> {
    let name = input.input.name();
    let (value, outcome) = match formats::read_graph(input) {
        Ok((graph, warnings)) => {
            let fails = output.deny_warnings && !warnings.is_empty();
            let value = json!({
                "file": name,
                "valid": !fails,
                "actors": graph.actor_count(),
                "relations": graph.relation_count(),
                "sources": graph.sources().len(),
                "problems": warnings.to_json(),
                "not_listed": warnings.not_listed(),
            });
            (
                value,
                if fails {
                    Outcome::Failure
                } else {
                    Outcome::Success
                },
            )
        }
        Err(error) => {
            let lines = LineIndex::new(&error.text);
            let value = json!({
                "file": name,
                "valid": false,
                "problems": error
                    .problems
                    .iter()
                    .map(|problem| problem.to_json(&error.name, &lines))
                    .collect::<Vec<_>>(),
            });
            (value, Outcome::Failure)
        }
    };
    print_json(output, &value)?;
    Ok(outcome)
}

/// Shortest paths listed when neither `--all` nor `--k` is given.
const DEFAULT_PATHS: usize = 5;

/// Everything, or only what had begun by `as_of`.
fn as_of_scope(graph: &KnowledgeGraph, as_of: Option<PartialDate>) -> Scope {
    let Some(date) = as_of else {
        return Scope::default();
    };
    let shown = graph
        .actors()
        .map(|(_, actor)| crate::graph::begun_by(actor.date.as_ref(), &date))
        .collect();
    Scope {
        shown: Some(shown),
        filter: RelationFilter {
            until: Some(date),
            ..RelationFilter::default()
        },
    }
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

/// Prints `value` as JSON that is safe on a terminal and reads back the same.
fn print_json(output: &mut Output<'_>, value: &serde_json::Value) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    let out = output.out.raw();
    out.write_all(safe_text::json(&text).as_bytes())?;
    writeln!(out)
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
            "relation": export::relation_json(&graph.relation(link.relation).to_relation()),
        })).collect::<Vec<_>>(),
    })
}

fn paths_json(
    graph: &KnowledgeGraph,
    request: &text::PathRequest<'_>,
    paths: &[Path],
    more: bool,
) -> serde_json::Value {
    let options = request.options;
    let mut avoid: Vec<NodeIndex> = options.avoid.iter().copied().collect();
    avoid.sort();
    json!({
        "from": graph.actor(request.start).id,
        "to": graph.actor(request.goal).id,
        "directed": options.directed,
        "via_kinds": options.filter.kinds.iter().collect::<Vec<_>>(),
        "k": request.k,
        "avoid": avoid.iter().map(|&node| graph.actor(node).id.clone()).collect::<Vec<_>>(),
        "more": more,
        "paths": paths.iter().map(|path| json!({
            "length": path.hops.len(),
            "hops": path.hops.iter().map(|hop| json!({
                "from": graph.actor(hop.from).id,
                "to": graph.actor(hop.to).id,
                "along": hop.along,
                "relation": export::relation_json(&graph.relation(hop.relation).to_relation()),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}
