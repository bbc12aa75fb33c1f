//! Finding what is wrong with a RON file that does not load, each problem
//! placed at its spot, reading the file one record at a time: a file
//! broken in millions of places costs little more memory than its text,
//! and its report gives the first problems in full and counts the rest.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use ron::extensions::Extensions;
use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};

use super::diagnostic::{Collected, Problem};
use super::tree::{self, Node, Part};
use super::validate::{self, Found, Parts, Step};
use super::{options, ron_error};
use crate::model::{Actor, Relation, Source};

/// Files larger than this report only the first parse error: re-reading
/// every record of a huge generated file costs seconds, and such files
/// are fixed by fixing their generator.
const RECOVERY_LIMIT: usize = 8 << 20;

/// The top level of a file with the lists left unread, to check its own
/// fields separately from the records.
#[derive(Deserialize)]
#[serde(rename = "Graph", deny_unknown_fields)]
#[allow(
    dead_code,
    reason = "the fields are read only to check the top level of a file"
)]
struct TopLevel {
    title: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    sources: IgnoredAny,
    #[serde(default)]
    actors: IgnoredAny,
    #[serde(default)]
    relations: IgnoredAny,
}

/// What validation `found` in a file that parsed, each problem placed in
/// `text`.
pub fn placed(text: &str, found: Found) -> Vec<Problem> {
    let mut problems = Collected::default();
    match Places::named_by(&found).read(text) {
        Some(places) => found.place_into(&mut problems, |path| places.locate(path)),
        // ron accepted the text, so the structural reader should too; if
        // it cannot, report the problems at the start rather than none.
        None => found.place_into(&mut problems, |_| 0..0),
    }
    problems.into_problems()
}

/// After ron stopped at `first`, reads each record on its own to report
/// every broken record, then validates the records that did parse.
pub fn collect_all(text: &str, first: ron::error::SpannedError) -> Vec<Problem> {
    let only_first = || vec![ron_error::problem(text, 0, None, &first)];
    if text.len() > RECOVERY_LIMIT {
        return only_first();
    }
    let Ok(names) = tree::extensions(text) else {
        return only_first();
    };
    let extensions = names
        .iter()
        .filter_map(|name| Extensions::from_ident(name))
        .fold(Extensions::empty(), |all, one| all | one);
    let options = options(extensions);
    let mut problems = Collected::default();
    if let Err(err) = options.from_str::<TopLevel>(text) {
        problems.push(ron_error::problem(text, 0, None, &err));
    }

    let mut sources = Records::<Source>::default();
    let mut actors = Records::<Actor>::default();
    let mut relations = Records::<Relation>::default();
    let mut title = None;
    let mut unparsed_ids = HashSet::new();
    let walked = tree::walk(text, |part| match part {
        Part::Field {
            name: "title",
            node,
        } if title.is_none() => title = Some(node),
        Part::Element { list, index, node } => match list {
            "sources" => sources.read(text, &options, index, &node, &mut unparsed_ids),
            "actors" => actors.read(text, &options, index, &node, &mut unparsed_ids),
            "relations" => relations.read(text, &options, index, &node, &mut unparsed_ids),
            _ => {}
        },
        Part::List { name, .. } => match name {
            "sources" => sources.done(),
            "actors" => actors.done(),
            "relations" => relations.done(),
            _ => {}
        },
        Part::Field { .. } => {}
    });
    if walked.is_err() {
        return only_first();
    }
    problems.append(sources.problems);
    problems.append(actors.problems);
    problems.append(relations.problems);
    if problems.is_empty() {
        return only_first();
    }
    let parts = Parts {
        title: title.as_ref().and_then(Node::as_str),
        sources: sources.parsed.iter().map(|(i, s)| (*i, s)).collect(),
        actors: actors.parsed.iter().map(|(i, a)| (*i, a)).collect(),
        relations: relations.parsed.iter().map(|(i, r)| (*i, r)).collect(),
        unparsed_ids,
    };
    let found = validate::validate_within(&parts, problems.room());
    match Places::named_by(&found).read(text) {
        Some(places) => found.place_into(&mut problems, |path| places.locate(path)),
        None => found.place_into(&mut problems, |_| 0..0),
    }
    problems.into_problems()
}

/// One list of records as it is read: those that parsed, with their index,
/// and the problems of those that did not. Only the first list of a name
/// is read, as serde would.
struct Records<T> {
    parsed: Vec<(usize, T)>,
    problems: Collected,
    finished: bool,
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Records {
            parsed: Vec::new(),
            problems: Collected::default(),
            finished: false,
        }
    }
}

impl<T: DeserializeOwned> Records<T> {
    /// Parses the record `node` (element `index`); a broken one becomes a
    /// problem, and its id is remembered so that references to it are not
    /// reported a second time.
    fn read(
        &mut self,
        text: &str,
        options: &ron::Options,
        index: usize,
        node: &Node,
        unparsed_ids: &mut HashSet<String>,
    ) {
        if self.finished {
            return;
        }
        match options.from_str::<T>(&text[node.span.clone()]) {
            Ok(record) => self.parsed.push((index, record)),
            Err(err) => {
                self.problems
                    .push_with(|| ron_error::problem(text, node.span.start, Some(node), &err));
                if let Some(id) = node.field("id").and_then(|f| f.value.as_str()) {
                    unparsed_ids.insert(id.to_owned());
                }
            }
        }
    }

    /// The list has ended; a later list of the same name is not read.
    fn done(&mut self) {
        self.finished = true;
    }
}

/// The records and top-level values that the kept issues' paths name,
/// read from the text, with the spans of the lists and of the root for
/// paths that go further than the text does.
struct Places<'p> {
    records: HashMap<(&'p str, usize), Option<Node>>,
    fields: HashMap<&'p str, Option<Node>>,
    lists: HashMap<&'p str, Range<usize>>,
    root: Range<usize>,
}

impl<'p> Places<'p> {
    /// Places waiting for what `found`'s kept issues name.
    fn named_by(found: &Found) -> Self {
        let mut places = Places {
            records: HashMap::new(),
            fields: HashMap::new(),
            lists: HashMap::new(),
            root: 0..0,
        };
        let paths = found.issues().iter().flat_map(|issue| {
            std::iter::once(&issue.path).chain(issue.related.as_ref().map(|(path, _)| path))
        });
        for path in paths {
            match path.as_slice() {
                [Step::Field(list), Step::Index(index), ..] => {
                    places.records.insert((*list, *index), None);
                }
                [Step::Field(name), ..] => {
                    places.fields.insert(*name, None);
                }
                _ => {}
            }
        }
        places
    }

    /// Fills the places in one reading of `text`, keeping only the
    /// records named; `None` if the text is not well-formed.
    fn read(mut self, text: &'p str) -> Option<Places<'p>> {
        self.root = tree::walk(text, |part| match part {
            Part::Element { list, index, node } if !self.lists.contains_key(list) => {
                if let Some(slot @ None) = self.records.get_mut(&(list, index)) {
                    *slot = Some(node);
                }
            }
            Part::Field { name, node } => {
                if let Some(slot @ None) = self.fields.get_mut(name) {
                    *slot = Some(node);
                }
            }
            Part::List { name, span } => {
                if let Some(named) = self.named(name) {
                    self.lists.entry(named).or_insert(span);
                }
            }
            Part::Element { .. } => {}
        })
        .ok()?;
        Some(self)
    }

    /// `name` as the places know it, if a path names it.
    fn named(&self, name: &str) -> Option<&'p str> {
        self.records
            .keys()
            .map(|(list, _)| *list)
            .chain(self.fields.keys().copied())
            .find(|&known| known == name)
    }

    /// The span of the value at `path`, or of the deepest part of it that
    /// the text has (a missing field points at its record).
    fn locate(&self, path: &[Step]) -> Range<usize> {
        match path {
            [Step::Field(list), Step::Index(index), rest @ ..] if self.lists.contains_key(list) => {
                match self.records.get(&(*list, *index)) {
                    Some(Some(record)) => within(record, rest),
                    _ => self.lists[list].clone(),
                }
            }
            [Step::Field(name), rest @ ..] => match self.fields.get(name) {
                Some(Some(node)) => within(node, rest),
                _ => self.root.clone(),
            },
            _ => self.root.clone(),
        }
    }
}

/// The span of the value at `path` under `node`, or of the deepest part
/// of it that exists.
pub(crate) fn within(node: &Node, path: &[Step]) -> Range<usize> {
    let mut node = node;
    for step in path {
        let next = match *step {
            Step::Field(name) => node.field(name).map(|f| &f.value),
            Step::Index(index) => node.element(index),
        };
        match next {
            Some(next) => node = next,
            None => break,
        }
    }
    node.span.clone()
}
