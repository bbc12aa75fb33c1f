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

use crate::graph::{EdgeIndex, KnowledgeGraph, NodeIndex, RelationRef};
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

/// The place of a finding inside its record, kept in a word so that a
/// million findings need no allocation for their places: field names are
/// kept as their place in [`FIELDS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The record itself.
    Record,
    /// One of its fields: `date`.
    Field(u8),
    /// A field of an element of one of its lists: `evidence[0].quote`.
    Item(u8, u32, u8),
}

/// Every field a finding can point to.
const FIELDS: [&str; 10] = [
    "date",
    "evidence",
    "id",
    "quote",
    "roles",
    "source",
    "stance",
    "text",
    "text_file",
    "to",
];

/// The place of `name` in [`FIELDS`]; a check points only to those.
fn field(name: &'static str) -> Option<u8> {
    let index = FIELDS.iter().position(|known| *known == name);
    debug_assert!(index.is_some(), "{name} is not in FIELDS");
    index.and_then(|index| u8::try_from(index).ok())
}

fn field_name(index: u8) -> &'static str {
    FIELDS.get(usize::from(index)).copied().unwrap_or_default()
}

impl Place {
    /// The place `steps` lead to from the record: none, a field, or a
    /// list, an index and a field.
    fn new(steps: &[Step]) -> Self {
        let place = match *steps {
            [Step::Field(name)] => field(name).map(Place::Field),
            [Step::Field(list), Step::Index(index), Step::Field(name)] => {
                let index = u32::try_from(index).unwrap_or(u32::MAX);
                field(list)
                    .zip(field(name))
                    .map(|(list, name)| Place::Item(list, index, name))
            }
            _ => None,
        };
        place.unwrap_or(Place::Record)
    }

    /// The steps, outermost first.
    pub fn steps(&self) -> Vec<Step> {
        match *self {
            Place::Record => Vec::new(),
            Place::Field(name) => vec![Step::Field(field_name(name))],
            Place::Item(list, index, name) => vec![
                Step::Field(field_name(list)),
                Step::Index(index as usize),
                Step::Field(field_name(name)),
            ],
        }
    }
}

/// What a finding says, written out only when it is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Said {
    /// What is wrong, in one sentence.
    pub message: String,
    /// A short note under the marked spot.
    pub label: Option<Cow<'static, str>>,
    /// What to do about it.
    pub help: Option<Cow<'static, str>>,
}

impl Said {
    fn new(message: String, label: &'static str, help: &'static str) -> Self {
        Said {
            message,
            label: Some(Cow::Borrowed(label)),
            help: Some(Cow::Borrowed(help)),
        }
    }
}

/// Writes what a finding says from the graph it was found in: a check
/// keeps only where the finding is, so that a million findings cost no
/// text until the few that are shown are written out.
type Says = fn(&KnowledgeGraph, &Finding) -> Said;

/// One thing a check found.
#[derive(Clone, Debug)]
pub struct Finding {
    /// The check's place in [`CHECKS`], which groups findings.
    group: u8,
    /// The record it is about.
    pub record: Record,
    /// The place inside the record.
    pub place: Place,
    /// What it says, written from the graph.
    says: Says,
    /// A second place and text the graph cannot give again; few findings
    /// have them, so they are kept apart.
    more: Option<Box<More>>,
}

/// What only some findings have.
#[derive(Clone, Debug, Default)]
struct More {
    /// A second place that explains the first ("first stated here").
    related: Option<(Record, Place, &'static str)>,
    /// Text the graph cannot give again: the passage nearest to a quote,
    /// why a file could not be read.
    note: Option<Box<str>>,
}

impl Finding {
    fn new(check: &'static str, record: Record, rest: &[Step], says: Says) -> Self {
        let group = CHECKS
            .iter()
            .position(|known| known.name == check)
            .unwrap_or(CHECKS.len());
        Finding {
            group: u8::try_from(group).unwrap_or(u8::MAX),
            record,
            place: Place::new(rest),
            says,
            more: None,
        }
    }

    fn note(mut self, note: impl Into<Box<str>>) -> Self {
        self.more.get_or_insert_default().note = Some(note.into());
        self
    }

    fn related(mut self, record: Record, rest: &[Step], label: &'static str) -> Self {
        self.more.get_or_insert_default().related = Some((record, Place::new(rest), label));
        self
    }

    /// The second place: its record, its place in the record and its note.
    pub fn related_place(&self) -> Option<(Record, Place, &'static str)> {
        self.more.as_deref().and_then(|more| more.related)
    }

    /// The text kept with the finding, if any.
    fn noted(&self) -> Option<&str> {
        self.more.as_deref().and_then(|more| more.note.as_deref())
    }

    /// The name of the check that found it.
    pub fn check(&self) -> &'static str {
        CHECKS
            .get(usize::from(self.group))
            .map_or("unknown", |check| check.name)
    }

    /// What it says about `graph`, the graph it was found in.
    pub fn said(&self, graph: &KnowledgeGraph) -> Said {
        (self.says)(graph, self)
    }

    /// The path of the finding's place from the file's root:
    /// `relations[3].evidence[0].quote`.
    pub(crate) fn path(&self) -> Vec<Step> {
        path_of(self.record, self.place)
    }

    /// The path of the second place, with its note.
    pub(crate) fn related_path(&self) -> Option<(Vec<Step>, &'static str)> {
        self.related_place()
            .map(|(record, place, label)| (path_of(record, place), label))
    }

    /// The relation it is about (the first, when it is about an actor).
    fn edge(&self) -> EdgeIndex {
        match self.record {
            Record::Relation(index) => EdgeIndex::new(index),
            _ => EdgeIndex::new(0),
        }
    }

    /// The actor it is about.
    fn node(&self) -> NodeIndex {
        match self.record {
            Record::Actor(index) => NodeIndex::new(index),
            _ => NodeIndex::new(0),
        }
    }

    /// The index of the evidence or role its place is in.
    fn item(&self) -> usize {
        match self.place {
            Place::Item(_, index, _) => index as usize,
            _ => 0,
        }
    }

    /// The record of the second place.
    fn related_record(&self) -> Option<Record> {
        self.related_place().map(|(record, _, _)| record)
    }

    /// The check's place in [`CHECKS`], which groups findings.
    pub(crate) fn group(&self) -> usize {
        usize::from(self.group)
    }

    fn record_key(&self) -> (u8, usize) {
        match self.record {
            Record::Source(i) => (0, i),
            Record::Actor(i) => (1, i),
            Record::Relation(i) => (2, i),
        }
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
    let mut found: Vec<Vec<Finding>> = std::thread::scope(|scope| {
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
    // The largest group's list grows in place to hold the others: a
    // million findings are not all copied into a list of their own.
    let total = found.iter().map(Vec::len).sum::<usize>();
    found.sort_by_key(|group| std::cmp::Reverse(group.len()));
    let mut groups = found.into_iter();
    let mut findings = groups.next().unwrap_or_default();
    findings.reserve_exact(total - findings.len());
    for mut group in groups {
        findings.append(&mut group);
    }
    findings.sort_by_key(|finding| (finding.group, finding.record_key()));
    findings
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_gives_back_the_steps_it_was_made_of() {
        for name in FIELDS {
            let field = [Step::Field(name)];
            assert_eq!(Place::new(&field).steps(), field);
            let item = [Step::Field("evidence"), Step::Index(7), Step::Field(name)];
            assert_eq!(Place::new(&item).steps(), item);
        }
        assert_eq!(Place::new(&[]), Place::Record);
        assert!(
            std::mem::size_of::<Finding>() <= 48,
            "a finding stays small"
        );
    }
}
