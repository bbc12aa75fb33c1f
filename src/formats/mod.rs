//! Other tools' files: reading GraphML, node-link JSON, CSV edge lists and
//! RDF (N-Triples, N-Quads, Turtle, TriG) into a data set, and writing a
//! graph as GraphML, CSV, Turtle, N-Triples, DOT or Mermaid as well as
//! kgx's own RON and JSON.
//!
//! Every reader ends in the same validation and the same diagnostics as a
//! RON file, so a bad file from Gephi is reported as well as a bad RON one.

mod csv;
mod csv_stream;
mod csv_table;
mod dot;
mod foreign;
mod graphml;
mod ids;
mod json;
mod mermaid;
mod packed;
pub(crate) mod rdf;
mod spreadsheet;
mod unique_keys;

pub use rdf::Profile;

use std::io;
use std::path::{Path, PathBuf};

use crate::export;
use crate::graph::KnowledgeGraph;
use crate::load::warnings::{self, Warnings};
use crate::load::{self, Input, LoadError};
use crate::model::Dataset;

/// A file format kgx reads or writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// kgx's own format
    Ron,
    /// kgx's JSON export (node-link JSON from d3 and networkx is read too)
    Json,
    /// GraphML, as Gephi, yEd, networkx, igraph and Cytoscape read and write it
    GraphMl,
    /// an edge list, comma-separated, with its actors in a second file
    Csv,
    /// an edge list, tab-separated, with its actors in a second file
    Tsv,
    /// Graphviz DOT, for drawing (written only)
    Dot,
    /// a Mermaid flowchart, for Markdown pages (written only)
    Mermaid,
    /// RDF Turtle, with kgx's vocabulary for what RDF has no term for
    Turtle,
    /// RDF N-Triples, one triple a line
    NTriples,
    /// RDF N-Quads (named graphs are merged on reading; written as N-Triples)
    NQuads,
    /// RDF TriG (named graphs are merged on reading; written as Turtle)
    TriG,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 11] = [
        Format::Ron,
        Format::Json,
        Format::GraphMl,
        Format::Csv,
        Format::Tsv,
        Format::Turtle,
        Format::NTriples,
        Format::NQuads,
        Format::TriG,
        Format::Dot,
        Format::Mermaid,
    ];

    /// The format a file name's extension stands for (`.graphml`, `.xml`,
    /// `.csv`, `.tsv`, `.json`, `.ron`, `.ttl`, `.nt`, `.nq`, `.trig`,
    /// `.dot`/`.gv`, `.mmd`), so a person
    /// can type `kgx colleague.graphml` without saying the format.
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match extension.as_str() {
            "ron" => Format::Ron,
            "json" => Format::Json,
            "graphml" | "xml" => Format::GraphMl,
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "dot" | "gv" => Format::Dot,
            "mmd" | "mermaid" => Format::Mermaid,
            "ttl" | "turtle" => Format::Turtle,
            "nt" => Format::NTriples,
            "nq" => Format::NQuads,
            "trig" => Format::TriG,
            _ => return None,
        })
    }

    /// The format named on a command line or in `:export` (`graphml`,
    /// `csv`, …), ignoring case.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|format| format.name().eq_ignore_ascii_case(name))
    }

    /// What the format is, in a few words, for `--help`.
    pub fn description(self) -> &'static str {
        match self {
            Format::Ron => "kgx's own format",
            Format::Json => "kgx's JSON export (node-link JSON from d3 and networkx is read too)",
            Format::GraphMl => {
                "GraphML, as Gephi, yEd, networkx, igraph and Cytoscape read and write it"
            }
            Format::Csv => "an edge list, comma-separated, with its actors in a second file",
            Format::Tsv => "an edge list, tab-separated, with its actors in a second file",
            Format::Dot => "Graphviz DOT, for drawing (written only)",
            Format::Mermaid => "a Mermaid flowchart, for Markdown pages (written only)",
            Format::Turtle => "RDF Turtle, with kgx's vocabulary for what RDF has no term for",
            Format::NTriples => "RDF N-Triples, one triple a line",
            Format::NQuads => {
                "RDF N-Quads (named graphs are merged on reading; written as N-Triples)"
            }
            Format::TriG => "RDF TriG (named graphs are merged on reading; written as Turtle)",
        }
    }

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Ron => "ron",
            Format::Json => "json",
            Format::GraphMl => "graphml",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Dot => "dot",
            Format::Mermaid => "mermaid",
            Format::Turtle => "turtle",
            Format::NTriples => "ntriples",
            Format::NQuads => "nquads",
            Format::TriG => "trig",
        }
    }

    /// Whether kgx can read this format, not only write it: DOT and
    /// Mermaid are for drawing and lose too much to come back.
    pub fn is_readable(self) -> bool {
        !matches!(self, Format::Dot | Format::Mermaid)
    }
}

/// What to read: where from, in which format, and the actors file that
/// may come with a CSV edge list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The data set's origin.
    pub input: Input,
    /// The format, when the file name does not tell it (or tells it wrong).
    pub format: Option<Format>,
    /// A CSV/TSV file of actors for an edge list (`--actors`).
    pub actors: Option<PathBuf>,
    /// The language to take names in from an RDF file (`--lang de`).
    pub lang: Option<String>,
    /// How an RDF file maps onto actors and relations (`--profile`).
    pub profile: rdf::Profile,
}

impl Request {
    /// What writing the graph read from this request may not touch: the
    /// files it was read from; `force` allows replacing other files.
    pub fn guard(&self, force: bool) -> crate::save::Guard {
        let mut inputs: Vec<PathBuf> = self.actors.iter().cloned().collect();
        if let Input::Path(path) = &self.input {
            inputs.push(path.clone());
        }
        crate::save::Guard { inputs, force }
    }
}

impl From<Input> for Request {
    fn from(input: Input) -> Self {
        Request {
            input,
            format: None,
            actors: None,
            lang: None,
            profile: rdf::Profile::default(),
        }
    }
}

impl From<&Input> for Request {
    fn from(input: &Input) -> Self {
        Request::from(input.clone())
    }
}

impl From<&Request> for Request {
    fn from(request: &Request) -> Self {
        request.clone()
    }
}

impl Request {
    /// The format the input is read as: the one asked for, else the one
    /// its extension names, else RON (standard input, unknown extensions).
    pub fn format(&self) -> Format {
        self.format
            .or_else(|| match &self.input {
                Input::Path(path) => Format::from_path(path),
                _ => None,
            })
            .unwrap_or(Format::Ron)
    }

    /// The actors file to read with an edge list: the one given, else
    /// `NAME.actors.csv` beside `NAME.csv` when it exists (what
    /// `kgx export --format csv` writes).
    fn actors_file(&self, format: Format) -> Option<PathBuf> {
        if self.actors.is_some() {
            return self.actors.clone();
        }
        match (&self.input, format) {
            (Input::Path(path), Format::Csv | Format::Tsv) => {
                Some(actors_path(path, format)).filter(|p| p.is_file())
            }
            _ => None,
        }
    }
}

/// Reads and validates the data set a request names, in its format.
pub fn load(request: &Request) -> Result<Dataset, LoadError> {
    load_as_named(request).map_err(|error| hint_format(error, request))
}

fn load_as_named(request: &Request) -> Result<Dataset, LoadError> {
    let format = request.format();
    actors_fit(request, format)?;
    if matches!(request.input, Input::Embedded) || format == Format::Ron {
        return load::load(&request.input);
    }
    let name = request.input.name();
    if !format.is_readable() {
        return Err(unreadable(&name, format));
    }
    if matches!(format, Format::Csv | Format::Tsv) {
        let list = EdgeList::read(request, format)?;
        return csv::read(&list.name, &list.text, list.delimiter, list.actors());
    }
    let text = load::read_text(&request.input)?;
    match rdf_syntax(format) {
        Some(syntax) => rdf::read(
            &name,
            &text,
            syntax,
            request.lang.as_deref(),
            request.profile,
        ),
        None => read_str(&name, &text, format),
    }
}

/// An edge list's text and its actors file's, as a request names them.
struct EdgeList {
    name: String,
    text: String,
    delimiter: u8,
    /// The actors file's name, text and delimiter.
    actors: Option<(String, String, u8)>,
}

impl EdgeList {
    fn read(request: &Request, format: Format) -> Result<EdgeList, LoadError> {
        let text = load::read_text(&request.input)?;
        let actors = match request.actors_file(format) {
            Some(path) => {
                // The actors file is read by its own extension.
                let actors_format = match Format::from_path(&path) {
                    Some(own @ (Format::Csv | Format::Tsv)) => own,
                    _ => format,
                };
                let actors_input = Input::Path(path);
                let actors_text = load::read_text(&actors_input)?;
                Some((actors_input.name(), actors_text, delimiter(actors_format)))
            }
            None => None,
        };
        Ok(EdgeList {
            name: request.input.name(),
            text,
            delimiter: delimiter(format),
            actors,
        })
    }

    fn actors(&self) -> Option<(&str, &str, u8)> {
        self.actors
            .as_ref()
            .map(|(name, text, delimiter)| (name.as_str(), text.as_str(), *delimiter))
    }

    /// The graph, read a row at a time when the lists are sound, else
    /// through the reader that locates every problem.
    fn graph(&self) -> Result<KnowledgeGraph, LoadError> {
        let actors = self.actors().map(|(_, text, delimiter)| (text, delimiter));
        match csv_stream::graph(&self.name, &self.text, self.delimiter, actors) {
            Some(graph) => Ok(graph),
            None => load::build(
                &self.name,
                csv::read(&self.name, &self.text, self.delimiter, self.actors())?,
            ),
        }
    }
}

/// Refuses an actors file (`--actors`) for anything but a CSV or TSV edge
/// list: other formats hold their actors themselves, and ignoring the
/// file would leave the person thinking it was read.
fn actors_fit(request: &Request, format: Format) -> Result<(), LoadError> {
    match &request.actors {
        Some(actors) if !matches!(format, Format::Csv | Format::Tsv) => Err(LoadError {
            name: request.input.name(),
            text: "".into(),
            problems: vec![
                load::Problem::whole_file(format!(
                    "--actors {} is only read with a CSV or TSV edge list, and this is {}",
                    actors.display(),
                    format.name()
                ))
                .help(Some(
                    "leave --actors out (the file holds its own actors), or name the edge list's format with --format csv".into(),
                )),
            ],
        }),
        _ => Ok(()),
    }
}

/// The RDF syntax a format is, if it is one.
fn rdf_syntax(format: Format) -> Option<rdf::Syntax> {
    match format {
        Format::Turtle => Some(rdf::Syntax::Turtle),
        Format::NTriples => Some(rdf::Syntax::NTriples),
        Format::NQuads => Some(rdf::Syntax::NQuads),
        Format::TriG => Some(rdf::Syntax::TriG),
        _ => None,
    }
}

/// Reads the data set a request names, with what reading it changed or
/// left out: what a command shows a person.
pub fn read_dataset(request: &Request) -> Result<(Dataset, Warnings), LoadError> {
    let (loaded, warnings) = warnings::collect(|| load(request));
    loaded.map(|dataset| (dataset, warnings))
}

/// Reads the graph a request names, with what reading it changed or left
/// out: what a command or the explorer shows a person. [`load_graph`]
/// gives the graph alone, for callers that show nothing.
pub fn read_graph(request: impl Into<Request>) -> Result<(KnowledgeGraph, Warnings), LoadError> {
    let request = request.into();
    let (loaded, warnings) = warnings::collect(|| load_graph(&request));
    loaded.map(|graph| (graph, warnings))
}

/// Reads and validates the data set a request names into its graph.
/// Takes an [`Input`] (read by its extension) or a full [`Request`].
pub fn load_graph(request: impl Into<Request>) -> Result<KnowledgeGraph, LoadError> {
    let request = request.into();
    actors_fit(&request, request.format())?;
    let loaded = match request.format() {
        _ if matches!(request.input, Input::Embedded) => load::load_graph(&request.input),
        Format::Ron => load::load_graph(&request.input),
        Format::Json => json::read_graph(&request.input.name(), load::read_text(&request.input)?),
        Format::Csv | Format::Tsv => EdgeList::read(&request, request.format())?.graph(),
        _ => return load::build(&request.input.name(), load(&request)?),
    };
    loaded.map_err(|error| hint_format(error, &request))
}

/// Adds a hint to name the format when a file that failed to read looks
/// like another format than the one it was read as, by its first
/// character (`{` or `[` for JSON, `<` for GraphML), and no format was
/// named: an extension says nothing (`.txt`, standard input) or says wrong.
fn hint_format(mut error: LoadError, request: &Request) -> LoadError {
    if request.format.is_some() {
        return error;
    }
    let start = error.text.trim_start_matches('\u{feff}').trim_start();
    let looks = match start.chars().next() {
        Some('{' | '[') => Format::Json,
        Some('<') => Format::GraphMl,
        _ => return error,
    };
    let read_as = request.format();
    if looks == read_as {
        return error;
    }
    let hint = format!(
        "the text looks like {}, not {}: name its format with --format {}",
        looks.name(),
        read_as.name(),
        looks.name()
    );
    if let Some(first) = error.problems.first_mut() {
        first.help = Some(match first.help.take() {
            Some(help) => format!("{help}; {hint}"),
            None => hint,
        });
    }
    error
}

/// Reads text in `format` into a validated data set; `name` is how
/// diagnostics call the file.
pub fn read_str(name: &str, text: &str, format: Format) -> Result<Dataset, LoadError> {
    match format {
        Format::Ron => load::parse_str(name, text),
        Format::Json => json::read(name, text),
        Format::GraphMl => graphml::read(name, text),
        Format::Csv | Format::Tsv => csv::read(name, text, delimiter(format), None),
        Format::Turtle | Format::NTriples | Format::NQuads | Format::TriG => {
            match rdf_syntax(format) {
                Some(syntax) => rdf::read(name, text, syntax, None, rdf::Profile::Generic),
                None => Err(unreadable(name, format)),
            }
        }
        Format::Dot | Format::Mermaid => Err(unreadable(name, format)),
    }
}

fn unreadable(name: &str, format: Format) -> LoadError {
    LoadError {
        name: name.to_owned(),
        text: "".into(),
        problems: vec![
            load::Problem::whole_file(format!("kgx writes {} but cannot read it", format.name()))
                .help(Some(
                    "open a RON, JSON, GraphML, CSV, TSV or RDF file, or say which with --format"
                        .into(),
                )),
        ],
    }
}

/// Reads a CSV or TSV edge list with its actors file, in the same format;
/// `actors` is the actors file's name and text.
pub fn read_edge_list(
    name: &str,
    text: &str,
    tab_separated: bool,
    actors: Option<(&str, &str)>,
) -> Result<Dataset, LoadError> {
    let delimiter = if tab_separated { b'\t' } else { b',' };
    csv::read(
        name,
        text,
        delimiter,
        actors.map(|(actors_name, actors_text)| (actors_name, actors_text, delimiter)),
    )
}

fn delimiter(format: Format) -> u8 {
    if format == Format::Tsv { b'\t' } else { b',' }
}

/// The whole graph as one document in `format`. For CSV and TSV this is
/// the edge list; [`write_actors`] gives the actors file that goes with it.
pub fn write(graph: &KnowledgeGraph, format: Format) -> io::Result<String> {
    write_with(graph, format, WriteOptions::default()).map(|written| written.text)
}

/// How a file is written beyond what its format says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WriteOptions {
    /// Put a `'` before CSV/TSV cells a spreadsheet would run as formulas
    /// (see `spreadsheet`); on unless `--keep-formulas`.
    pub defuse_formulas: bool,
    /// Write nothing when the format cannot hold the graph as it is
    /// (`--deny-warnings`).
    pub deny_warnings: bool,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            defuse_formulas: true,
            deny_warnings: false,
        }
    }
}

/// A document written, and what had to change to write it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// The document.
    pub text: String,
    /// What was changed or left out, one sentence each, for the person.
    pub warnings: Vec<String>,
}

/// The graph in `format`, with `options`, and a warning for anything the
/// format could not hold as it was.
pub fn write_with(
    graph: &KnowledgeGraph,
    format: Format,
    options: WriteOptions,
) -> io::Result<Written> {
    let mut warnings = Vec::new();
    // JSON is written straight from the graph; the other writers take the
    // file form.
    let dataset = || graph.to_dataset();
    let text = match format {
        Format::Ron => export::to_ron(&dataset()).map_err(io::Error::other)?,
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&export::JsonDocument(graph))?;
            text.push('\n');
            text
        }
        Format::GraphMl => {
            let (text, replaced) = graphml::xml_safe(graphml::write(&dataset()));
            if replaced > 0 {
                warnings.push(format!(
                    "{replaced} characters that XML cannot hold (control characters) were written as U+FFFD"
                ));
            }
            text
        }
        Format::Csv | Format::Tsv => {
            let mut dataset = dataset();
            if options.defuse_formulas {
                let defused = spreadsheet::defuse(&mut dataset);
                if defused > 0 {
                    warnings.push(format!(
                        "{defused} cells began like a spreadsheet formula (=, +, -, @) and were written with a ' before them; --keep-formulas writes them as they are"
                    ));
                }
            }
            warnings.extend(edge_list_losses(&dataset));
            csv::write_edges(&dataset, delimiter(format))?
        }
        Format::Dot | Format::Mermaid => {
            let dataset = dataset();
            warnings.extend(drawing_losses(&dataset, format));
            match format {
                Format::Dot => dot::write(&dataset),
                _ => mermaid::write(&dataset),
            }
        }
        // Turtle is TriG without graphs, N-Triples N-Quads without them.
        Format::Turtle | Format::TriG => rdf::turtle(&dataset())?,
        Format::NTriples | Format::NQuads => rdf::ntriples(&dataset())?,
    };
    Ok(Written { text, warnings })
}

/// What a CSV or TSV edge list and its actors file have no place for:
/// the graph's description and its sources beyond their ids.
fn edge_list_losses(dataset: &Dataset) -> Option<String> {
    let mut lost = Vec::new();
    if dataset.description.is_some() {
        lost.push("the graph's description".to_owned());
    }
    if !dataset.sources.is_empty() {
        lost.push(format!(
            "the title, publisher, date, address and text of {} sources (evidence keeps their ids)",
            dataset.sources.len()
        ));
    }
    (!lost.is_empty()).then(|| {
        format!(
            "an edge list has no place for {}, which are left out; RON, JSON, GraphML and Turtle keep them",
            lost.join(" or ")
        )
    })
}

/// What a drawing (DOT, Mermaid) leaves out: it holds actors' names and
/// kinds and relations' phrases, dates, kinds, directions and certainty
/// only.
fn drawing_losses(dataset: &Dataset, format: Format) -> Option<String> {
    let actors = dataset
        .actors
        .iter()
        .filter(|a| {
            !a.aliases.is_empty()
                || a.summary.is_some()
                || !a.roles.is_empty()
                || a.date.is_some()
                || !a.external_ids.is_empty()
                || !a.attributes.is_empty()
        })
        .count();
    let relations = dataset
        .relations
        .iter()
        .filter(|r| {
            !r.evidence.is_empty()
                || !r.attributes.is_empty()
                || r.stance != crate::model::Stance::default()
        })
        .count();
    let mut lost = Vec::new();
    if actors > 0 {
        lost.push(format!(
            "the aliases, summaries, roles, dates and attributes of {actors} actors"
        ));
    }
    if relations > 0 {
        lost.push(format!(
            "the stances, evidence and attributes of {relations} relations"
        ));
    }
    if !dataset.sources.is_empty() {
        lost.push(format!("{} sources", dataset.sources.len()));
    }
    (!lost.is_empty()).then(|| {
        format!(
            "{} is a drawing: {} are left out; RON, JSON, GraphML and Turtle keep them",
            format.name(),
            lost.join(", ")
        )
    })
}

/// The actors file of a CSV or TSV export (ids, names, kinds and every
/// other field), or `None` for formats that hold actors in one document.
pub fn write_actors(graph: &KnowledgeGraph, format: Format) -> io::Result<Option<String>> {
    write_actors_with(graph, format, WriteOptions::default())
}

/// [`write_actors`] with `options`.
fn write_actors_with(
    graph: &KnowledgeGraph,
    format: Format,
    options: WriteOptions,
) -> io::Result<Option<String>> {
    match format {
        Format::Csv | Format::Tsv => {
            let mut dataset = graph.to_dataset();
            if options.defuse_formulas {
                spreadsheet::defuse(&mut dataset);
            }
            csv::write_actors(&dataset, delimiter(format)).map(Some)
        }
        _ => Ok(None),
    }
}

/// Writes the graph to `path` in `format`; a CSV or TSV export also
/// writes its actors beside it (`out.csv` and `out.actors.csv`). Every
/// file is checked against `guard` before any is written, and each is
/// written atomically. Returns the files written, to tell the person where
/// their data went, and any warnings.
pub fn write_file(
    graph: &KnowledgeGraph,
    format: Format,
    path: &Path,
    guard: &crate::save::Guard,
    options: WriteOptions,
) -> io::Result<Saved> {
    let actors = write_actors_with(graph, format, options)?;
    let mut files = vec![path.to_owned()];
    if actors.is_some() {
        files.push(actors_path(path, format));
    }
    guard.check(&files)?;
    let written = write_with(graph, format, options)?;
    if options.deny_warnings && !written.warnings.is_empty() {
        return Ok(Saved {
            files: Vec::new(),
            warnings: written.warnings,
        });
    }
    crate::save::write(path, written.text.as_bytes())?;
    if let Some(actors) = actors {
        crate::save::write(&files[1], actors.as_bytes())?;
    }
    Ok(Saved {
        files,
        warnings: written.warnings,
    })
}

/// The files an export wrote, and what had to change to write them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    /// Every file written, the one named first; none when warnings and
    /// [`WriteOptions::deny_warnings`] kept them from being written.
    pub files: Vec<PathBuf>,
    /// What was changed or left out (see [`Written`]).
    pub warnings: Vec<String>,
}

/// Where the actors of the edge list at `path` go: `out.csv` →
/// `out.actors.csv`.
pub fn actors_path(path: &Path, format: Format) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let extension = if format == Format::Tsv { "tsv" } else { "csv" };
    path.with_file_name(format!("{stem}.actors.{extension}"))
}
