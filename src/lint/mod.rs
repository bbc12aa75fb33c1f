//! `kgx lint`: checks of a data set's faithfulness to its sources that a
//! valid file can still fail — a relation cited to nothing, a quote that is
//! not in its source, a date no quote gives, two stances that contradict.
//!
//! The checks read the file form ([`Dataset`]) and are linear or n·log n, so
//! they run on the largest generated graphs. Each finding names its place by
//! a path into the file, which [`report`] turns into a line and column when
//! the text is RON. Checks are turned off with `--allow NAME` or a comment
//! directive in the file (see [`directives`]).
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

use std::collections::HashMap;
use std::path::Path;

use crate::load::validate::Step;
use crate::model::Dataset;

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

/// One thing a check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The check's name.
    pub check: &'static str,
    /// The record it is about.
    pub record: Record,
    /// The place inside the record, as a path from the file's root.
    pub(crate) path: Vec<Step>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// A short note under the marked spot.
    pub label: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
    /// A second place that explains the first ("first stated here").
    pub(crate) related: Option<(Vec<Step>, String)>,
}

impl Finding {
    fn new(check: &'static str, record: Record, rest: &[Step], message: String) -> Self {
        let (list, index) = match record {
            Record::Source(i) => ("sources", i),
            Record::Actor(i) => ("actors", i),
            Record::Relation(i) => ("relations", i),
        };
        let mut path = vec![Step::Field(list), Step::Index(index)];
        path.extend_from_slice(rest);
        Finding {
            check,
            record,
            path,
            message,
            label: None,
            help: None,
            related: None,
        }
    }

    fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    fn related(mut self, record: Record, rest: &[Step], label: impl Into<String>) -> Self {
        let path = Finding::new(self.check, record, rest, String::new()).path;
        self.related = Some((path, label.into()));
        self
    }
}

/// The text of each source that gives one, by source id: read from its
/// `text_file` or taken from its inline `text`; an unreadable file is kept
/// as the reason it could not be read.
pub type SourceTexts = HashMap<String, Result<String, String>>;

/// Reads every source's text; `base` is the data file's folder, which
/// `text_file` paths are relative to (`None` for standard input and the
/// embedded seed, whose `text_file`s cannot be found).
pub fn source_texts(dataset: &Dataset, base: Option<&Path>) -> SourceTexts {
    let mut texts = SourceTexts::new();
    for source in &dataset.sources {
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
pub fn lint(dataset: &Dataset, texts: &SourceTexts, options: &Options) -> Vec<Finding> {
    let mut findings = Vec::new();
    let runs = |name: &str| find_check(name).is_some_and(|check| options.runs(check));
    evidence::check(dataset, texts, &runs, &mut findings);
    dates::check(dataset, &runs, &mut findings);
    consistency::check(dataset, &runs, &mut findings);
    names::check(dataset, &runs, &mut findings);
    let order = |name: &str| CHECKS.iter().position(|check| check.name == name);
    findings.sort_by_cached_key(|finding| (order(finding.check), finding.record_key()));
    findings
}

impl Finding {
    fn record_key(&self) -> (u8, usize) {
        match self.record {
            Record::Source(i) => (0, i),
            Record::Actor(i) => (1, i),
            Record::Relation(i) => (2, i),
        }
    }
}

/// Whether the check of that name is to run: the checks skip the work of
/// those that are not.
type Runs<'a> = dyn Fn(&str) -> bool + 'a;

/// How a relation is named in messages: `russia → syria (invested_in)`.
fn relation_name(relation: &crate::model::Relation) -> String {
    format!(
        "{} {} {} ({})",
        relation.from,
        relation.arrow(),
        relation.to,
        relation.kind
    )
}
