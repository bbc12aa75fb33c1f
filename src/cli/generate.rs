//! `kgx gen`: write a synthetic graph of any size, for benchmarks and for
//! trying kgx at scale.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{Outcome, Output};
use crate::export;
use crate::formats::{self, Format};
use crate::graph::KnowledgeGraph;
use crate::model::Dataset;
use crate::save;
use crate::synthetic::{self, GenOptions};

/// The arguments of `kgx gen`.
#[derive(Debug, Args)]
pub struct GenArgs {
    /// How many actors, 1 to 10 million
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=MOST_ACTORS))]
    actors: u64,
    /// How many relations, up to 100 million
    #[arg(long, value_name = "M", value_parser = clap::value_parser!(u64).range(0..=MOST_RELATIONS))]
    relations: u64,
    /// The same seed writes the same bytes
    #[arg(long, default_value_t = 1, value_name = "S")]
    seed: u64,
    /// Output format
    #[arg(long, value_enum, default_value_t = GenFormat::Ron)]
    format: GenFormat,
    /// Write to this file instead of standard output
    #[arg(long, short, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Replace PATH (and a CSV's actors file) if it exists
    #[arg(long)]
    force: bool,
}

/// Most actors `kgx gen` makes: each costs memory before a byte is
/// written, and ten million is ten times the largest graph kgx is made for.
const MOST_ACTORS: u64 = 10_000_000;
/// Most relations `kgx gen` makes, for the same reason.
const MOST_RELATIONS: u64 = 100_000_000;

/// The formats `kgx gen` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GenFormat {
    /// kgx's own format, which the explorer and every command open
    Ron,
    /// The JSON shape documented in docs/format.md
    Json,
    /// GraphML, as Gephi, yEd and networkx read it
    Graphml,
    /// A CSV edge list; with `-o NAME.csv` its actors go to NAME.actors.csv
    Csv,
}

/// Generates the graph and writes it where the arguments say.
pub fn run(args: GenArgs, output: &mut Output<'_>) -> io::Result<Outcome> {
    let too_many = |what: &str| io::Error::other(format!("too many {what} for this machine"));
    let options = GenOptions {
        actors: usize::try_from(args.actors).map_err(|_| too_many("actors"))?,
        relations: usize::try_from(args.relations).map_err(|_| too_many("relations"))?,
        seed: args.seed,
    };
    let guard = save::Guard {
        inputs: Vec::new(),
        force: args.force,
    };
    // Refused before the work of generating, not after.
    if let Some(path) = &args.output {
        guard.check(std::slice::from_ref(path))?;
    }
    let dataset = synthetic::generate(&options);
    let other = match args.format {
        GenFormat::Ron | GenFormat::Json => None,
        GenFormat::Graphml => Some(Format::GraphMl),
        GenFormat::Csv => Some(Format::Csv),
    };
    if let Some(format) = other {
        // Other tools' formats are written from the graph, as `kgx export`
        // writes them.
        let graph = KnowledgeGraph::new(dataset).map_err(io::Error::other)?;
        match &args.output {
            Some(path) => {
                formats::write_file(&graph, format, path, &guard, Default::default())?;
            }
            None => output
                .out
                .raw()
                .write_all(formats::write(&graph, format)?.as_bytes())?,
        }
        return Ok(Outcome::Success);
    }
    let json = args.format == GenFormat::Json;
    match &args.output {
        Some(path) => save::write_with(path, |out| write_own(&dataset, json, out))?,
        None => write_own(&dataset, json, &mut BufWriter::new(output.out.raw()))?,
    }
    Ok(Outcome::Success)
}

/// Writes `dataset` in kgx's own RON, or its JSON shape when `json`.
fn write_own(dataset: &Dataset, json: bool, out: &mut dyn Write) -> io::Result<()> {
    if json {
        write_json(dataset, out)?;
    } else {
        let text = export::to_ron(dataset).map_err(io::Error::other)?;
        out.write_all(text.as_bytes())?;
    }
    out.flush()
}

/// The JSON shape of `kgx export`, one record per line, written record by
/// record: a whole-document JSON value of a million relations would take
/// gigabytes.
fn write_json(dataset: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{{")?;
    writeln!(
        out,
        "  \"title\": {},",
        serde_json::to_string(&dataset.title)?
    )?;
    writeln!(
        out,
        "  \"description\": {},",
        serde_json::to_string(&dataset.description)?
    )?;
    json_list(
        out,
        "sources",
        dataset.sources.iter().map(export::source_json),
    )?;
    writeln!(out, ",")?;
    json_list(out, "actors", dataset.actors.iter().map(export::actor_json))?;
    writeln!(out, ",")?;
    json_list(
        out,
        "relations",
        dataset.relations.iter().map(export::relation_json),
    )?;
    writeln!(out, "\n}}")
}

fn json_list(
    out: &mut dyn Write,
    name: &str,
    records: impl Iterator<Item = serde_json::Value>,
) -> io::Result<()> {
    write!(out, "  \"{name}\": [")?;
    for (index, record) in records.enumerate() {
        out.write_all(if index == 0 { b"\n    " } else { b",\n    " })?;
        serde_json::to_writer(&mut *out, &record)?;
    }
    write!(out, "\n  ]")
}
