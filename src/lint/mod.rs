//! `kgx lint`: checks of a data set's faithfulness to its sources that a
//! valid file can still fail — a relation cited to nothing, a quote that is
//! not in its source, a date no quote gives, two stances that contradict.
//!
//! The checks read the compact [`KnowledgeGraph`] the loader streams a file
//! into — relations as rows, their ends as node indices — and are linear or
//! n·log n with no allocation per relation, so they run on the largest
//! generated graphs; independent groups of checks run on threads of their
//! own. Each finding names its place by a path into the file, which
//! [`report`] turns into a line and column when the text is RON, only for
//! the findings it shows. Checks are turned off with `--allow NAME` or a
//! comment directive in the file (see [`directives`]).
//!
//! What makes a file invalid — evidence citing a source that is not listed,
//! a span that ends before it starts, an unknown actor — the loader refuses
//! before any check runs, so `kgx lint` reports those as load errors.

mod consistency;
mod dates;
pub mod directives;
mod evidence;
mod names;
pub mod report;
mod text;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use crate::graph::{KnowledgeGraph, RelationRef};
use crate::load::validate::Step;

pub use report::Report;

/// A check: its stable name (for `--allow` and directives) and what it
/// looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Check {
    /// Kebab-case name, stable across versions.
    pub name: &'static str,
    /// What the check finds, in a few words.
    pub description: &'static str,
    /// Only run with `--pedantic`: a hint, not a fault.
    pub pedantic: bool,
}

const fn check(name: &'static str, description: &'static str) -> Check {
    Check {
        name,
        description,
        pedantic: false,
    }
}

/// Every check, in the order findings are grouped.
pub const CHECKS: [Check; 14] = [
    check("no-evidence", "a relation cites no source"),
    check("unused-source", "a source nobody cites"),
    check(
        "source-text",
        "a source's text_file cannot be read or both text and text_file are given",
    ),
    check(
        "quote-not-in-source",
        "a quote is not verbatim in its source's text",
    ),
    check(
        "unsupported-date",
        "a date or role term that no quote gives and no background source backs",
    ),
    check(
        "after-source",
        "something dated after the publication of the source that reports it",
    ),
    check(
        "outside-lifetime",
        "a relation dated outside the known lifetime of one of its actors",
    ),
    check(
        "hedge-as-fact",
        "a hedged quote (\"reportedly\", \"according to\") on a relation stated as fact",
    ),
    check(
        "contradiction",
        "the same pair with opposed stances over overlapping periods",
    ),
    check("duplicate", "the same relation, on the same date, twice"),
    Check {
        name: "through-event",
        description: "a relation also stated through an Event actor between the same two",
        pedantic: true,
    },
    check("self-relation", "a relation from an actor to itself"),
    check("isolated-actor", "an actor with no relations"),
    check(
        "confusable-id",
        "ids that differ only by case or look-alike characters",
    ),
];

/// The check called `name`.
pub fn find_check(name: &str) -> Option<&'static Check> {
    CHECKS.iter().find(|check| check.name == name)
}

/// The record a finding is about, by its index in the file's lists: what
/// the explorer marks, and how findings in non-RON files are named.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Record {
    /// `sources[i]`.
    Source(usize),
    /// `actors[i]`.
    Actor(usize),
    /// `relations[i]`.
    Relation(usize),
}

/// The place of a finding inside its record, kept in a few words so that
/// a million findings need no allocation for their places.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The record itself.
    Record,
    /// One of its fields: `date`.
    Field(&'static str),
    /// A field of an element of one of its lists: `evidence[0].quote`.
    Item(&'static str, u32, &'static str),
}

impl Place {
    /// The place `steps` lead to from the record: none, a field, or a
    /// list, an index and a field.
    fn new(steps: &[Step]) -> Self {
        match *steps {
            [Step::Field(field)] => Place::Field(field),
            [Step::Field(list), Step::Index(index), Step::Field(field)] => {
                Place::Item(list, u32::try_from(index).unwrap_or(u32::MAX), field)
            }
            _ => Place::Record,
        }
    }

    /// The steps, outermost first.
    pub fn steps(&self) -> Vec<Step> {
        match *self {
            Place::Record => Vec::new(),
            Place::Field(field) => vec![Step::Field(field)],
            Place::Item(list, index, field) => vec![
                Step::Field(list),
                Step::Index(index as usize),
                Step::Field(field),
            ],
        }
    }
}

/// One thing a check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The check's name.
    pub check: &'static str,
    /// The record it is about.
    pub record: Record,
    /// The place inside the record.
    pub place: Place,
    /// What is wrong, in one sentence.
    pub message: String,
    /// A short note under the marked spot.
    pub label: Option<Cow<'static, str>>,
    /// What to do about it.
    pub help: Option<Cow<'static, str>>,
    /// A second place that explains the first ("first stated here"); few
    /// findings have one, so it is kept apart.
    pub related: Option<Box<(Record, Place, &'static str)>>,
}

impl Finding {
    fn new(check: &'static str, record: Record, rest: &[Step], message: String) -> Self {
        Finding {
            check,
            record,
            place: Place::new(rest),
            message,
            label: None,
            help: None,
            related: None,
        }
    }

    fn label(mut self, label: impl Into<Cow<'static, str>>) -> Self {
        self.label = Some(label.into());
        self
    }

    fn help(mut self, help: impl Into<Cow<'static, str>>) -> Self {
        self.help = Some(help.into());
        self
    }

    fn related(mut self, record: Record, rest: &[Step], label: &'static str) -> Self {
        self.related = Some(Box::new((record, Place::new(rest), label)));
        self
    }

    /// The path of the finding's place from the file's root:
    /// `relations[3].evidence[0].quote`.
    pub(crate) fn path(&self) -> Vec<Step> {
        path_of(self.record, self.place)
    }

    /// The path of the second place, with its note.
    pub(crate) fn related_path(&self) -> Option<(Vec<Step>, &'static str)> {
        self.related
            .as_deref()
            .map(|&(record, place, label)| (path_of(record, place), label))
    }
}

/// The list a record is in and its index there.
pub(crate) fn list_of(record: Record) -> (&'static str, usize) {
    match record {
        Record::Source(i) => ("sources", i),
        Record::Actor(i) => ("actors", i),
        Record::Relation(i) => ("relations", i),
    }
}

fn path_of(record: Record, place: Place) -> Vec<Step> {
    let (list, index) = list_of(record);
    let mut path = vec![Step::Field(list), Step::Index(index)];
    path.extend(place.steps());
    path
}

/// The text of each source that gives one, by source id: read from its
/// `text_file` or taken from its inline `text`; an unreadable file is kept
/// as the reason it could not be read.
pub type SourceTexts = HashMap<String, Result<String, String>>;

/// Reads every source's text; `base` is the data file's folder, which
/// `text_file` paths are relative to (`None` for standard input and the
/// embedded seed, whose `text_file`s cannot be found).
pub fn source_texts(graph: &KnowledgeGraph, base: Option<&Path>) -> SourceTexts {
    let mut texts = SourceTexts::new();
    for source in graph.sources() {
        let text = match (&source.text, &source.text_file) {
            (Some(text), _) => Ok(text.clone()),
            (None, Some(file)) => match base {
                Some(base) => std::fs::read_to_string(base.join(file))
                    .map_err(|err| format!("cannot read {}: {err}", base.join(file).display())),
                None => Err(format!(
                    "cannot read {file}: a text_file is found beside the data file, and this data has no file"
                )),
            },
            (None, None) => continue,
        };
        texts.insert(source.id.clone(), text);
    }
    texts
}

/// How to run the checks.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Also run the pedantic checks.
    pub pedantic: bool,
    /// Names of checks not to run.
    pub allow: Vec<String>,
}

impl Options {
    fn runs(&self, check: &Check) -> bool {
        (self.pedantic || !check.pedantic) && !self.allow.iter().any(|name| name == check.name)
    }
}

/// Every finding of the checks `options` run, grouped in [`CHECKS`] order
/// and in file order within a check.
///
/// The four groups of checks read the graph independently, so they run on
/// threads of their own: on a million relations the lint then takes about
/// as long as its slowest group.
pub fn lint(graph: &KnowledgeGraph, texts: &SourceTexts, options: &Options) -> Vec<Finding> {
    let runs = |name: &str| find_check(name).is_some_and(|check| options.runs(check));
    let runs: &Runs<'_> = &runs;
    let groups: [Group; 4] = [
        evidence::check,
        |graph, _, runs| dates::check(graph, runs),
        |graph, _, runs| consistency::check(graph, runs),
        |graph, _, runs| names::check(graph, runs),
    ];
    let found: Vec<Vec<Finding>> = std::thread::scope(|scope| {
        let workers: Vec<_> = groups[1..]
            .iter()
            .map(|group| scope.spawn(move || group(graph, texts, runs)))
            .collect();
        let mut found = vec![groups[0](graph, texts, runs)];
        for worker in workers {
            // A check that panicked is a bug; its panic goes on as it was.
            found.push(
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        found
    });
    let mut findings = Vec::with_capacity(found.iter().map(Vec::len).sum());
    for mut group in found {
        findings.append(&mut group);
    }
    findings.sort_by_cached_key(|finding| (finding.group(), finding.record_key()));
    findings
}

impl Finding {
    /// The check's place in [`CHECKS`], which groups findings.
    pub(crate) fn group(&self) -> usize {
        CHECKS
            .iter()
            .position(|check| check.name == self.check)
            .unwrap_or(CHECKS.len())
    }

    fn record_key(&self) -> (u8, usize) {
        match self.record {
            Record::Source(i) => (0, i),
            Record::Actor(i) => (1, i),
            Record::Relation(i) => (2, i),
        }
    }
}

/// A group of checks that reads the graph on its own.
type Group = fn(&KnowledgeGraph, &SourceTexts, &Runs<'_>) -> Vec<Finding>;

/// Whether the check of that name is to run: the checks skip the work of
/// those that are not.
type Runs<'a> = dyn Fn(&str) -> bool + Sync + 'a;

/// How a relation is named in messages: `russia → syria (invested_in)`,
/// written straight into the message that names it.
fn relation_name<'g>(relation: &RelationRef<'g>) -> RelationName<'g> {
    RelationName(*relation)
}

/// A relation's name in a message; see [`relation_name`].
struct RelationName<'g>(RelationRef<'g>);

impl std::fmt::Display for RelationName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let relation = &self.0;
        for part in [
            relation.from_id(),
            " ",
            relation.arrow(),
            " ",
            relation.to_id(),
            " (",
            relation.kind(),
            ")",
        ] {
            f.write_str(part)?;
        }
        Ok(())
    }
}
