//! Loading a data file: read, parse, validate, and — when anything is wrong
//! — report every problem with its place in the file.
//!
//! The fast path parses the whole file with ron in one go. Only when that
//! fails, or validation finds problems, does the loader re-read the text
//! structurally to locate each problem and to collect all of them instead of
//! stopping at the first.

pub mod diagnostic;
pub mod input;
mod locate;
pub(crate) mod parallel;
pub(crate) mod ron_error;
pub(crate) mod stream;
pub(crate) mod tree;
pub(crate) mod validate;
pub mod warnings;

pub(crate) use locate::within;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use ron::extensions::Extensions;

pub use diagnostic::{Collected, LoadError, MAX_SHOWN, Problem, Severity};
pub use warnings::Warnings;

use crate::graph::{GraphBuilder, KnowledgeGraph};
use crate::model::Dataset;
use validate::Parts;

/// The seed data set, compiled into the binary so `kgx` works anywhere.
pub const EMBEDDED: &str = include_str!("../../data/moscow-talks-2025.ron");
/// How diagnostics name the embedded data set.
pub const EMBEDDED_NAME: &str = "data/moscow-talks-2025.ron";

/// Where a data set comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// The seed data set compiled into the binary.
    Embedded,
    /// Standard input (`-` on the command line).
    Stdin,
    /// A file on disk.
    Path(PathBuf),
}

impl Input {
    /// Reads a command-line argument: none is the embedded data, `-` is
    /// standard input, anything else a path.
    pub fn from_arg(arg: Option<&std::path::Path>) -> Input {
        match arg {
            None => Input::Embedded,
            Some(path) if path.as_os_str() == "-" => Input::Stdin,
            Some(path) => Input::Path(path.to_owned()),
        }
    }

    /// The name diagnostics use for this input.
    pub fn name(&self) -> String {
        match self {
            Input::Embedded => EMBEDDED_NAME.to_owned(),
            Input::Stdin => "<stdin>".to_owned(),
            Input::Path(path) => path.display().to_string(),
        }
    }
}

/// Reads and validates a data set from `input`.
pub fn load(input: &Input) -> Result<Dataset, LoadError> {
    match input {
        Input::Embedded => parse_str(&input.name(), EMBEDDED),
        _ => parse_str(&input.name(), &read_text(input)?),
    }
}

/// The text of `input`, whatever its format: every reader starts here, so
/// an unreadable or non-UTF-8 file is reported the same way for all.
pub fn read_text(input: &Input) -> Result<String, LoadError> {
    let name = input.name();
    let bytes = match input {
        Input::Embedded => return Ok(EMBEDDED.to_owned()),
        Input::Stdin => input::read_stdin(),
        Input::Path(path) => input::read_file(path),
    };
    match bytes {
        Ok(bytes) => decode(&name, bytes),
        Err(err) => Err(LoadError {
            name: name.clone(),
            text: Arc::from(""),
            problems: vec![Problem::whole_file(format!("cannot read {name}: {err}"))],
        }),
    }
}

/// Parses and validates raw RON bytes, which must be UTF-8 text, into a
/// graph.
pub fn parse_bytes(name: &str, bytes: Vec<u8>) -> Result<KnowledgeGraph, LoadError> {
    parse_graph_owned(name, decode(name, bytes)?)
}

/// The bytes as text, or a problem pointing at the first byte that is not
/// UTF-8.
fn decode(name: &str, bytes: Vec<u8>) -> Result<String, LoadError> {
    String::from_utf8(bytes).map_err(|err| {
        let at = err.utf8_error().valid_up_to();
        let bytes = err.as_bytes();
        let text: Arc<str> = Arc::from(String::from_utf8_lossy(bytes).as_ref());
        let end = (at + 1..=text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        let problem = Problem::at(
            at..end,
            format!("the file is not UTF-8 text (byte 0x{:02x})", bytes[at]),
        )
        .label("not UTF-8")
        .help(Some(
            "kgx reads text formats (RON, JSON, GraphML, CSV); save the file as UTF-8".into(),
        ));
        LoadError {
            name: name.to_owned(),
            text,
            problems: vec![problem],
        }
    })
}

/// Parses and validates RON text.
pub fn parse_str(name: &str, text: &str) -> Result<Dataset, LoadError> {
    // Some editors start UTF-8 files with a byte-order mark; it is not text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if tree::is_blank(text) {
        let problem = Problem::at(0..0, "the file is empty")
            .label("expected a graph here")
            .help(Some("a data file holds `Graph(title: \"…\", actors: [ … ], relations: [ … ])`; see docs/format.md".into()));
        return Err(LoadError {
            name: name.to_owned(),
            text: Arc::from(text),
            problems: vec![problem],
        });
    }
    let problems = match options(Extensions::empty()).from_str::<Dataset>(text) {
        Ok(dataset) => {
            let found = validate::validate(&Parts::of(&dataset));
            if found.is_empty() {
                return Ok(dataset);
            }
            locate::placed(text, found)
        }
        Err(first) => locate::collect_all(text, first),
    };
    let mut problems = problems;
    // Problems with no place (the count of those not listed) go last.
    problems.sort_by_key(|p| p.span.as_ref().map_or(usize::MAX, |s| s.start));
    Err(LoadError {
        name: name.to_owned(),
        text: Arc::from(text),
        problems,
    })
}

/// Parses and validates RON text into a graph. A sound file — the common
/// case — is read straight into the graph, record by record; any problem
/// sends the file through [`parse_str`], which locates every one.
pub fn parse_graph(name: &str, text: &str) -> Result<KnowledgeGraph, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match stream(text) {
        Some(graph) => Ok(graph),
        None => build(name, parse_str(name, text)?),
    }
}

/// [`parse_graph`] of text the loader owns: a large file's relations are
/// read on two threads (see [`parallel`]) when it is sound.
pub fn parse_graph_owned(name: &str, mut text: String) -> Result<KnowledgeGraph, LoadError> {
    if text.len() >= parallel::PARALLEL_FROM
        && let Some(halves) = parallel::read(&mut text, parallel::Syntax::Ron, &RonHalves)
    {
        // Both halves parsed, so one thread would build this same graph:
        // a problem in it goes straight to the reader that locates it.
        return join_or_locate(name, halves, text, |text| {
            build(name, parse_str(name, text)?)
        });
    }
    parse_graph(name, &text)
}

/// [`parse_graph_owned`] for a caller that needs the text afterwards; it
/// is given back as it was.
pub fn parse_graph_keeping(name: &str, text: &mut String) -> Result<KnowledgeGraph, LoadError> {
    if text.len() >= parallel::PARALLEL_FROM
        && let Some(halves) = parallel::read(text, parallel::Syntax::Ron, &RonHalves)
    {
        return match halves_sound(&halves) {
            true => join(name, halves),
            false => build(name, parse_str(name, text)?),
        };
    }
    parse_graph(name, text)
}

/// The head and the relation lists of a RON file cut in two.
struct RonHalves;

impl parallel::Halves for RonHalves {
    fn head(&self, head: &str, builder: &mut GraphBuilder) -> bool {
        let head = head.strip_prefix('\u{feff}').unwrap_or(head);
        options(Extensions::empty())
            .from_str_seed(head, stream::GraphSeed::<stream::Ron>::new(builder))
            .is_ok()
    }

    fn relations(&self, list: &str, builder: &mut GraphBuilder) -> bool {
        options(Extensions::empty())
            .from_str_seed(list, stream::Records::<stream::Ron>::relations(builder))
            .is_ok()
    }
}

/// Reads and validates a data set from `input` into a graph.
pub fn load_graph(input: &Input) -> Result<KnowledgeGraph, LoadError> {
    match input {
        Input::Embedded => parse_graph(&input.name(), EMBEDDED),
        _ => parse_graph_owned(&input.name(), read_text(input)?),
    }
}

/// The graph of a data set the loader has validated.
pub fn build(name: &str, dataset: Dataset) -> Result<KnowledgeGraph, LoadError> {
    // Validation has checked every relation's ends, so building cannot
    // fail; should it ever, say so as a diagnostic rather than panic.
    KnowledgeGraph::new(dataset).map_err(|err| unbuilt(name, &err))
}

/// A graph that validation passed and building refused, which should
/// never happen, said as a diagnostic rather than a panic.
fn unbuilt(name: &str, err: &impl std::fmt::Display) -> LoadError {
    LoadError {
        name: name.to_owned(),
        text: Arc::from(""),
        problems: vec![Problem::whole_file(err.to_string())],
    }
}

/// The graph of a sound file, or `None` when the file has any problem.
fn stream(text: &str) -> Option<KnowledgeGraph> {
    let mut builder = GraphBuilder::new();
    options(Extensions::empty())
        .from_str_seed(text, stream::GraphSeed::<stream::Ron>::new(&mut builder))
        .ok()?;
    finish_sound(builder)
}

/// The graph a streaming reader built, when validation would find
/// nothing in it; `None` sends the file to the reader that locates
/// problems.
pub(crate) fn finish_sound(builder: GraphBuilder) -> Option<KnowledgeGraph> {
    is_sound(&builder).then(|| builder.finish().ok())?
}

/// The graph of a file read in `halves` when validation would find
/// nothing in it, else what `locate` (the reader that locates every
/// problem) makes of its `text`. A sound file's text is freed before the
/// halves are joined and the graph built: held beside them, it would make
/// the load's peak.
pub(crate) fn join_or_locate(
    name: &str,
    halves: parallel::Read,
    text: String,
    locate: impl FnOnce(&str) -> Result<KnowledgeGraph, LoadError>,
) -> Result<KnowledgeGraph, LoadError> {
    if !halves_sound(&halves) {
        return locate(&text);
    }
    drop(text);
    join(name, halves)
}

/// The graph of a sound file's `halves`: the tail appended to the head.
fn join(name: &str, halves: parallel::Read) -> Result<KnowledgeGraph, LoadError> {
    let parallel::Read { mut head, tail } = halves;
    head.append_relations(tail);
    head.finish().map_err(|err| unbuilt(name, &err))
}

/// [`is_sound`] of the two halves joined, told before joining them: the
/// head's references on their own (its records were checked as it was
/// read, see [`parallel::read`]), and each reference of the tail among the
/// head's actors and sources.
fn halves_sound(halves: &parallel::Read) -> bool {
    if !references_sound(&halves.head) {
        return false;
    }
    let tail = halves.tail.references();
    // The head's actors by number, hashed by id: a quarter of the memory
    // of a set of the ids, and this runs while the file's text is held.
    let actors = halves.head.actors();
    let hasher = hashbrown::DefaultHashBuilder::default();
    let hash = |id: &str| std::hash::BuildHasher::hash_one(&hasher, id);
    let mut known = hashbrown::HashTable::with_capacity(actors.len());
    for (index, actor) in actors.iter().enumerate() {
        known.insert_unique(hash(&actor.id), index, |&i: &usize| hash(&actors[i].id));
    }
    let is_actor = |id: &str| known.find(hash(id), |&i| actors[i].id == id).is_some();
    let sources: HashSet<&str> = halves
        .head
        .sources()
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    !tail.blank_quote
        && tail
            .kinds
            .iter()
            .all(|kind| validate::is_valid_relation_kind(kind))
        && tail.unknown_actors.iter().all(|id| is_actor(id))
        && tail.unknown_sources.iter().all(|id| sources.contains(id))
}

/// The graph of a file read in `halves`, when it is sound.
#[cfg(test)]
pub(crate) fn join_sound(halves: parallel::Read) -> Option<KnowledgeGraph> {
    halves_sound(&halves).then(|| join("test", halves).ok())?
}

/// Whether validation would find nothing: the sources and actors are
/// checked as [`validate::validate`] checks them, the relations by each
/// distinct string they refer to.
fn is_sound(builder: &GraphBuilder) -> bool {
    records_sound(builder) && references_sound(builder)
}

/// Whether validation would find nothing in the title, the sources and
/// the actors.
pub(super) fn records_sound(builder: &GraphBuilder) -> bool {
    let parts = Parts {
        title: Some(builder.title()),
        sources: builder.sources().iter().enumerate().collect(),
        actors: builder.actors().iter().enumerate().collect(),
        relations: Vec::new(),
        unparsed_ids: HashSet::new(),
    };
    validate::validate(&parts).is_empty()
}

/// Whether every relation refers to known actors, sources and kinds and
/// quotes something.
fn references_sound(builder: &GraphBuilder) -> bool {
    let references = builder.references();
    references.unknown_actors.is_empty()
        && references.unknown_sources.is_empty()
        && !references.blank_quote
        && references
            .kinds
            .iter()
            .all(|kind| validate::is_valid_relation_kind(kind))
}

/// The ron settings every file is read with: `implicit_some` lets people
/// write optional fields without `Some(…)`.
fn options(extra: Extensions) -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME | extra)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::{GenOptions, generate};

    /// The graph the model types give, to compare the streaming path with.
    fn through_the_model(text: &str) -> KnowledgeGraph {
        KnowledgeGraph::new(parse_str("test.ron", text).expect("valid")).expect("graph")
    }

    #[test]
    fn sound_files_stream_into_the_same_graph_as_the_model_gives() {
        let generated = crate::export::to_ron(&generate(&GenOptions {
            actors: 300,
            relations: 2_000,
            seed: 7,
        }))
        .expect("serialises");
        for text in [EMBEDDED, generated.as_str()] {
            let streamed = stream(text).expect("a sound file takes the streaming path");
            assert_eq!(streamed.to_dataset(), through_the_model(text).to_dataset());
        }
    }

    /// The graph of `text` read on two threads, when its cut is taken.
    fn in_halves(text: &str) -> Option<KnowledgeGraph> {
        let mut owned = text.to_owned();
        let graph = parallel::read(&mut owned, parallel::Syntax::Ron, &RonHalves)
            .map(|halves| join_sound(halves).expect("sound"));
        assert_eq!(owned, text, "the text is given back as it was");
        graph
    }

    #[test]
    fn a_file_read_in_two_halves_gives_the_graph_read_in_one() {
        let mut dataset = generate(&GenOptions {
            actors: 300,
            relations: 2_000,
            seed: 11,
        });
        // Attributes on a few relations in either half, one or two each.
        for (index, relation) in dataset.relations.iter_mut().enumerate() {
            if index % 7 == 0 {
                relation
                    .attributes
                    .insert("casualties".into(), index.to_string());
            }
            if index % 14 == 0 {
                relation.attributes.insert("theatre".into(), "north".into());
            }
        }
        let generated = crate::export::to_ron(&dataset).expect("serialises");
        let halves = in_halves(&generated).expect("a generated file is cut");
        assert_eq!(
            halves.to_dataset(),
            through_the_model(&generated).to_dataset()
        );
        assert_eq!(
            in_halves(EMBEDDED).map(|graph| graph.to_dataset()),
            Some(through_the_model(EMBEDDED).to_dataset())
        );
    }

    #[test]
    fn a_head_with_a_problem_is_refused_by_the_reader_of_halves() {
        let mut dataset = generate(&GenOptions {
            actors: 300,
            relations: 2_000,
            seed: 11,
        });
        dataset.actors[5].id = dataset.actors[4].id.clone();
        let text = crate::export::to_ron(&dataset).expect("serialises");
        let mut owned = text.clone();
        assert!(parallel::read(&mut owned, parallel::Syntax::Ron, &RonHalves).is_none());
        assert_eq!(owned, text, "the text is given back as it was");
        let error = parse_graph_owned("t.ron", text).expect_err("an id used twice");
        let twice = error
            .problems
            .iter()
            .find(|problem| problem.message.contains("is used twice"))
            .expect("the second use is found");
        assert!(twice.span.is_some(), "and placed");
    }

    #[test]
    fn a_cut_that_is_not_between_two_records_is_refused() {
        // The first gap past the middle is inside a quote, and a list that
        // is not the last field ends where the last bracket is not its own.
        let quote = "x),\n Relation(y";
        let relation = format!(
            r#"Relation(from: "a", to: "b", kind: "met", evidence: [(source: "s", quote: "{quote}")])"#
        );
        let inside_a_quote = format!(
            r#"Graph(title: "t", sources: [Source(id: "s", title: "S")], actors: [Actor(id: "a", name: "A", kind: State), Actor(id: "b", name: "B", kind: State)], relations: [{relation}, {relation}])"#
        );
        let middle = inside_a_quote.len() / 2;
        assert!(inside_a_quote[middle..].find("x),").is_some());
        if let Some(graph) = in_halves(&inside_a_quote) {
            assert_eq!(
                graph.to_dataset(),
                through_the_model(&inside_a_quote).to_dataset()
            );
        }
        let relations_first = r#"Graph(title: "t", relations: [Relation(from: "a", to: "a", kind: "met"),
            Relation(from: "a", to: "a", kind: "met")], actors: [Actor(id: "a", name: "A", kind: State)])"#;
        assert!(in_halves(relations_first).is_none());
        assert!(parse_graph_owned("t.ron", relations_first.to_owned()).is_ok());
    }

    #[test]
    fn any_problem_sends_the_file_to_the_locating_path() {
        let graph = |relation: &str| {
            format!(
                r#"Graph(title: "t", sources: [Source(id: "s", title: "S")],
                actors: [Actor(id: "a", name: "A", kind: State), Actor(id: "b", name: "B", kind: State)],
                relations: [{relation}])"#
            )
        };
        let sound = graph(
            r#"Relation(from: "a", to: "b", kind: "met", evidence: [Evidence(source: "s", quote: "q", attributed_to: "b")])"#,
        );
        assert!(stream(&sound).is_some());
        for broken in [
            r#"Relation(from: "a", to: "c", kind: "met")"#,
            r#"Relation(from: "a", to: "b", kind: "Met")"#,
            r#"Relation(from: "a", to: "b", kind: "met", evidence: [Evidence(source: "t", quote: "q")])"#,
            r#"Relation(from: "a", to: "b", kind: "met", evidence: [Evidence(source: "s", quote: " ")])"#,
            r#"Relation(from: "a", to: "b", kind: "met", evidence: [Evidence(source: "s", quote: "q", attributed_to: "z")])"#,
            r#"Relation(from: "a", to: "b", kind: "met", colour: "red")"#,
        ] {
            let text = graph(broken);
            assert!(stream(&text).is_none(), "{broken}");
            assert!(parse_graph("broken.ron", &text).is_err(), "{broken}");
            // The same problem in the second half of a file read on two
            // threads, which is checked before the halves are joined.
            let sound_relation = r#"Relation(from: "a", to: "b", kind: "met")"#;
            let many = [sound_relation; 40].join(",\n");
            let mut text = graph(&format!("{many},\n{broken}"));
            if let Some(halves) = parallel::read(&mut text, parallel::Syntax::Ron, &RonHalves) {
                assert!(halves.tail.relation_count() > 0, "the tail has relations");
                assert!(join_sound(halves).is_none(), "{broken}");
            }
        }
        let mut text = graph(&[r#"Relation(from: "a", to: "b", kind: "met")"#; 41].join(",\n"));
        let halves = parallel::read(&mut text, parallel::Syntax::Ron, &RonHalves).expect("cut");
        assert_eq!(
            join_sound(halves).map(|graph| graph.relation_count()),
            Some(41)
        );
    }
}
