//! From RDF triples to kgx's actors and relations (docs/format.md, "RDF").
//!
//! An IRI or blank node that is the subject or object of a triple between
//! resources becomes an actor, and so does any other subject that is not
//! only a property or a class; that triple becomes a relation whose kind
//! is the predicate's local name. Names, aliases, kinds and summaries come
//! from the usual vocabularies (`rdfs:label`, `skos:altLabel`, `rdf:type`,
//! `rdfs:comment`); every other literal is kept as an attribute.
//!
//! kgx's own vocabulary ([`super::vocab`]) is read back exactly: the graph,
//! its sources, and reified statements (`rdf:Statement`) carrying a
//! relation's date, status, stance, evidence and attributes.
//!
//! Triples are interned as they are parsed (each IRI stored once), so a
//! file of millions of triples maps in a few passes over small numbers.
//! Literals are kept as they come, not interned: most are written once,
//! and hashing long quotes costs more than sharing them saves. A triple
//! written twice is found among its subject's triples once they are
//! grouped, instead of in a table of every triple.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use hashbrown::DefaultHashBuilder;
use indexmap::IndexSet;
use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{Literal, NamedOrBlankNode, Term, Triple};

use super::prefixes::{self, Prefixes};
use super::vocab::{self, ACTOR, ATTRIBUTE, EXTERNAL_ID, KGX, KIND, RELATION, SOURCE};
use crate::formats::foreign::{self, DEFAULT_ACTOR_KIND};
use crate::load::validate::Step;
use crate::load::warnings::warn;
use crate::load::{LoadError, Problem};
use crate::model::{
    Actor, ActorKind, Dataset, Evidence, Relation, Reliability, Role, Source, Stance, Status, When,
};

/// A resource (IRI or blank node) by its place in the table.
type Id = u32;

/// What a triple points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Object {
    Resource(Id),
    /// A literal, by its place in the literal list.
    Literal(u32),
}

/// One triple, by numbers.
#[derive(Clone, Copy, Debug)]
struct Fact {
    subject: Id,
    predicate: Id,
    object: Object,
}

/// The triples of a file, interned as they are parsed.
#[derive(Default)]
pub struct Collector {
    /// Every IRI as written and every blank node as `_:id`, numbered
    /// (hashed with foldhash: millions of short keys).
    resources: IndexSet<Box<str>, DefaultHashBuilder>,
    /// Every literal, in the order read.
    literals: Vec<Literal>,
    facts: Vec<Fact>,
    /// The last subject and predicate: consecutive triples mostly share
    /// them, and comparing with the last costs less than hashing.
    last: [Id; 2],
    /// A blank node's key is built here, not in a new string each time.
    scratch: String,
}

/// The predicates that name a resource, best first.
const NAME_PREDICATES: [&str; 5] = [
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://schema.org/name",
    "https://schema.org/name",
    "http://xmlns.com/foaf/0.1/name",
];
const ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";

/// What kgx reads on each of its descriptions, for the warning about a
/// term it does not.
const GRAPH_TERMS: &str = "kgx:title and kgx:description";
const SOURCE_TERMS: &str = "kgx:title, kgx:publisher, kgx:url, kgx:textFile, kgx:text, kgx:background, kgx:reliability, kgx:date, kgx:start and kgx:end";
const STATEMENT_TERMS: &str = "rdf:subject, rdf:predicate, rdf:object, kgx:evidence, kgx:status, kgx:stance, kgx:label, kgx:directed, kgx:date, kgx:start, kgx:end, and other predicates with a literal as attributes";
const EVIDENCE_TERMS: &str = "kgx:source, kgx:quote and kgx:attributedTo";
const ROLE_TERMS: &str = "kgx:title, kgx:of, kgx:date, kgx:start and kgx:end";
const ACTOR_TERMS: &str = "kgx:role, kgx:date, kgx:start and kgx:end";
/// kgx's terms that link two resources without being a relation.
const LINK_TERMS: [&str; 7] = [
    "role",
    "of",
    "evidence",
    "source",
    "attributedTo",
    "status",
    "stance",
];

impl Collector {
    /// Adds one parsed triple.
    pub fn add(&mut self, triple: Triple) {
        let subject = match triple.subject {
            NamedOrBlankNode::NamedNode(node) => self.intern(node.into_string(), Some(0)),
            NamedOrBlankNode::BlankNode(node) => self.intern_blank(node.as_str(), Some(0)),
        };
        let predicate = self.intern(triple.predicate.into_string(), Some(1));
        let object = match triple.object {
            Term::NamedNode(node) => Object::Resource(self.intern(node.into_string(), None)),
            Term::BlankNode(node) => Object::Resource(self.intern_blank(node.as_str(), None)),
            Term::Literal(literal) => {
                self.literals.push(literal);
                Object::Literal(u32::try_from(self.literals.len() - 1).unwrap_or(u32::MAX))
            }
        };
        self.facts.push(Fact {
            subject,
            predicate,
            object,
        });
    }

    /// The number of `key`, which is new or was seen before; `last` says
    /// which of the last subject and predicate to try first.
    fn intern(&mut self, key: String, last: Option<usize>) -> Id {
        let id = self.find(&key, last).unwrap_or_else(|| {
            let (index, _) = self.resources.insert_full(key.into_boxed_str());
            Id::try_from(index).unwrap_or(Id::MAX)
        });
        self.remember(id, last)
    }

    /// The number of the blank node labelled `label`, as `_:label`.
    fn intern_blank(&mut self, label: &str, last: Option<usize>) -> Id {
        let mut key = std::mem::take(&mut self.scratch);
        key.clear();
        key.push_str("_:");
        key.push_str(label);
        let id = match self.find(&key, last) {
            Some(id) => id,
            None => {
                let (index, _) = self.resources.insert_full(Box::from(key.as_str()));
                Id::try_from(index).unwrap_or(Id::MAX)
            }
        };
        self.scratch = key;
        self.remember(id, last)
    }

    fn find(&self, key: &str, last: Option<usize>) -> Option<Id> {
        if let Some(slot) = last {
            let id = self.last[slot];
            if self.resources.get_index(id as usize).map(|k| &**k) == Some(key) {
                return Some(id);
            }
        }
        self.resources
            .get_index_of(key)
            .map(|index| Id::try_from(index).unwrap_or(Id::MAX))
    }

    fn remember(&mut self, id: Id, last: Option<usize>) -> Id {
        if let Some(slot) = last {
            self.last[slot] = id;
        }
        id
    }

    /// Leaves out every triple written before: RDF graphs are sets, and
    /// SPARQL answers repeat triples. Each subject's triples are compared
    /// among themselves, a table used only for a subject with many.
    fn distinct(&mut self) {
        let groups = Groups::new(&self.facts, self.resources.len());
        let mut repeated = vec![false; self.facts.len()];
        let same = |a: Fact, b: Fact| {
            a.predicate == b.predicate
                && match (a.object, b.object) {
                    (Object::Resource(x), Object::Resource(y)) => x == y,
                    (Object::Literal(x), Object::Literal(y)) => {
                        self.literals[x as usize] == self.literals[y as usize]
                    }
                    _ => false,
                }
        };
        for subject in 0..self.resources.len() {
            let group = groups.of(subject as Id);
            if group.len() <= 32 {
                for (n, &later) in group.iter().enumerate() {
                    let fact = self.facts[later as usize];
                    if group[..n]
                        .iter()
                        .any(|&earlier| same(self.facts[earlier as usize], fact))
                    {
                        repeated[later as usize] = true;
                    }
                }
                continue;
            }
            let mut seen = hashbrown::HashSet::with_capacity(group.len());
            for &index in group {
                let fact = self.facts[index as usize];
                let object = match fact.object {
                    Object::Resource(r) => Ok(r),
                    Object::Literal(l) => Err(&self.literals[l as usize]),
                };
                if !seen.insert((fact.predicate, object)) {
                    repeated[index as usize] = true;
                }
            }
        }
        if repeated.contains(&true) {
            let mut index = 0;
            self.facts.retain(|_| {
                index += 1;
                !repeated[index - 1]
            });
        }
    }

    /// Maps the triples onto a validated data set; `name` and `text` are
    /// the file's, for diagnostics; `declared` its prefixes; `lang` the
    /// language to take names in.
    pub fn finish(
        self,
        name: &str,
        text: &str,
        declared: Vec<(String, String)>,
        lang: Option<&str>,
    ) -> Result<Dataset, LoadError> {
        let mut collector = self;
        collector.distinct();
        let mapping = Mapping::new(&collector, text, Prefixes::with(declared), lang);
        let mut problems = Vec::new();
        let (dataset, relation_subjects) = mapping.dataset(name, &mut problems);
        mapping.note_left_out();
        if !problems.is_empty() {
            problems.sort_by_key(|p: &Problem| p.span.as_ref().map_or(0, |s| s.start));
            return Err(LoadError {
                name: name.to_owned(),
                text: Arc::from(text),
                problems,
            });
        }
        let actor_keys: Vec<&str> = mapping.actors.iter().map(|&r| mapping.key(r)).collect();
        let checked = foreign::checked(name, text, dataset, |path| {
            let needle = match path {
                [Step::Field("actors"), Step::Index(i), ..] => actor_keys.get(*i).copied(),
                [Step::Field("relations"), Step::Index(i), ..] => {
                    relation_subjects.get(*i).map(|&r| mapping.key(r))
                }
                _ => None,
            };
            needle.map_or(0..0, |key| mapping.locate(key))
        });
        if checked.is_ok() {
            for note in mapping.notes.take() {
                warn(name, text, note);
            }
        }
        checked
    }
}

/// Triples grouped by subject, in file order within each group.
struct Groups {
    /// The triples of subject `r` are `by_subject[starts[r]..starts[r + 1]]`.
    starts: Vec<u32>,
    by_subject: Vec<u32>,
}

impl Groups {
    fn new(facts: &[Fact], resources: usize) -> Groups {
        let mut starts = vec![0u32; resources + 1];
        for fact in facts {
            starts[fact.subject as usize + 1] += 1;
        }
        for i in 0..resources {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut by_subject = vec![0u32; facts.len()];
        for (index, fact) in facts.iter().enumerate() {
            let slot = &mut next[fact.subject as usize];
            by_subject[*slot as usize] = index as u32;
            *slot += 1;
        }
        Groups { starts, by_subject }
    }

    /// The indices of the triples of `subject`.
    fn of(&self, subject: Id) -> &[u32] {
        &self.by_subject
            [self.starts[subject as usize] as usize..self.starts[subject as usize + 1] as usize]
    }
}

/// The state of the mapping: the triples indexed by subject, and what
/// each resource turned out to be.
struct Mapping<'a> {
    data: &'a Collector,
    text: &'a str,
    prefixes: Prefixes,
    lang: Option<&'a str>,
    /// The facts of each subject.
    groups: Groups,
    /// Resources that are graph, source, statement, evidence or role
    /// descriptions in kgx's vocabulary, not actors.
    structural: Vec<bool>,
    /// The actors, in order, and each resource's actor number.
    actors: Vec<Id>,
    actor_number: Vec<u32>,
    /// The actor ids given.
    ids: Vec<String>,
    known: Known,
    /// What is left out or read otherwise than written: warnings, once the
    /// file reads.
    notes: RefCell<Vec<Problem>>,
}

/// The IRIs the mapping looks for, by their numbers in this file.
#[derive(Default)]
struct Known {
    rdf_type: Option<Id>,
    subject: Option<Id>,
    predicate: Option<Id>,
    object: Option<Id>,
    comment: Option<Id>,
    alt_label: Option<Id>,
    names: HashMap<Id, u8>,
}

impl<'a> Mapping<'a> {
    fn new(data: &'a Collector, text: &'a str, prefixes: Prefixes, lang: Option<&'a str>) -> Self {
        let count = data.resources.len();
        let find = |iri: &str| data.resources.get_index_of(iri).map(|i| i as Id);
        let known = Known {
            rdf_type: find(rdf::TYPE.as_str()),
            subject: find(rdf::SUBJECT.as_str()),
            predicate: find(rdf::PREDICATE.as_str()),
            object: find(rdf::OBJECT.as_str()),
            comment: find(rdfs::COMMENT.as_str()),
            alt_label: find(ALT_LABEL),
            names: NAME_PREDICATES
                .iter()
                .enumerate()
                .filter_map(|(rank, iri)| find(iri).map(|id| (id, rank as u8)))
                .collect(),
        };
        let groups = Groups::new(&data.facts, count);
        let mut mapping = Mapping {
            data,
            text,
            prefixes,
            lang,
            groups,
            structural: vec![false; count],
            actors: Vec::new(),
            actor_number: Vec::new(),
            ids: Vec::new(),
            known,
            notes: RefCell::new(Vec::new()),
        };
        mapping.classify();
        mapping
    }

    fn key(&self, resource: Id) -> &str {
        self.data
            .resources
            .get_index(resource as usize)
            .map_or("", |key| key)
    }

    fn is_kgx(&self, resource: Id) -> bool {
        self.key(resource).starts_with(KGX)
    }

    fn is(&self, resource: Id, term: &str) -> bool {
        self.key(resource)
            .strip_prefix(KGX)
            .is_some_and(|local| local == term)
    }

    fn facts_of(&self, subject: Id) -> impl Iterator<Item = (u32, Fact)> + '_ {
        self.groups
            .of(subject)
            .iter()
            .map(|&index| (index, self.data.facts[index as usize]))
    }

    /// The actor number of a resource that is an actor.
    fn actor_of(&self, resource: Id) -> Option<usize> {
        match self.actor_number.get(resource as usize) {
            Some(&n) if n != u32::MAX => Some(n as usize),
            _ => None,
        }
    }

    fn literal(&self, index: u32) -> &Literal {
        &self.data.literals[index as usize]
    }

    /// Records what is left out or read otherwise than written.
    fn note(&self, span: Range<usize>, message: String, help: &str) {
        self.notes.borrow_mut().push(
            Problem::at(span, message)
                .label("here")
                .help(Some(help.to_owned())),
        );
    }

    /// Where the triple of `subject` with `predicate` is written, as near
    /// as the text tells: the predicate after the subject, else its first
    /// place.
    fn place(&self, subject: Id, predicate: Id) -> Range<usize> {
        let from = self.locate(self.key(subject)).start;
        let key = self.key(predicate);
        let needles = [Some(format!("<{key}>")), self.prefixes.shorten(key)];
        needles
            .iter()
            .flatten()
            .find_map(|needle| {
                let at = from + self.text.get(from..)?.find(needle.as_str())?;
                Some(at..at + needle.len())
            })
            .unwrap_or_else(|| self.locate(key))
    }

    /// A triple on `what` (an actor, a statement …) whose predicate kgx
    /// does not read there, left out.
    fn unread(&self, subject: Id, fact: Fact, what: &str, terms: &str) {
        self.note(
            self.place(subject, fact.predicate),
            format!(
                "{} is not read on {what}, and is left out",
                self.short(fact.predicate)
            ),
            &format!("on {what} kgx reads {terms}"),
        );
    }

    /// Notes, once for each predicate and reason, the triples no part of
    /// the mapping reads: what is said of classes and properties (read as
    /// kinds and relation kinds, not actors), links from an actor to
    /// something that is not one, and kgx terms between actors that are
    /// not kgx's.
    fn note_left_out(&self) {
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        enum Why {
            AboutClass,
            ToNonActor,
            UnknownTerm,
        }
        let mut left: Vec<(Why, Id, usize, Id)> = Vec::new();
        let mut found: HashMap<(Why, Id), usize> = HashMap::new();
        for fact in &self.data.facts {
            let s = fact.subject;
            if Some(fact.predicate) == self.known.rdf_type || self.structural[s as usize] {
                continue;
            }
            let is_actor = |r: Id| self.actor_of(r).is_some();
            let why = match fact.object {
                Object::Literal(_)
                    if is_actor(s) || self.known.names.contains_key(&fact.predicate) =>
                {
                    continue;
                }
                Object::Literal(_) => Why::AboutClass,
                Object::Resource(o) => {
                    let link = self
                        .key(fact.predicate)
                        .strip_prefix(KGX)
                        .is_some_and(|term| LINK_TERMS.contains(&term));
                    match (is_actor(s), is_actor(o)) {
                        _ if link => continue,
                        (true, true) if !self.is_kgx(fact.predicate) => continue,
                        (true, true) => Why::UnknownTerm,
                        (true, false) => Why::ToNonActor,
                        (false, _) => Why::AboutClass,
                    }
                }
            };
            match found.get(&(why, fact.predicate)) {
                Some(&at) => left[at].2 += 1,
                None => {
                    found.insert((why, fact.predicate), left.len());
                    left.push((why, fact.predicate, 1, s));
                }
            }
        }
        for (why, predicate, count, subject) in left {
            let triples = match count {
                1 => "1 triple with".to_owned(),
                n => format!("{n} triples with"),
            };
            let verb = if count == 1 { "is" } else { "are" };
            let predicate_name = self.short(predicate);
            let (message, help) = match why {
                Why::AboutClass => (
                    format!(
                        "{triples} {predicate_name} about classes and properties {verb} left out"
                    ),
                    "kgx reads a class as actors' kind and a property as relations' kind, so what is said of them is not kept",
                ),
                Why::ToNonActor => (
                    format!(
                        "{triples} {predicate_name} from an actor to a source, statement, evidence or role {verb} left out"
                    ),
                    "only a triple between two actors becomes a relation; kgx's sources, statements, evidence and roles are not actors",
                ),
                Why::UnknownTerm => (
                    format!(
                        "{triples} {predicate_name} between actors {verb} left out: it is no kgx term"
                    ),
                    "kgx's relation kinds are in rel: (urn:kgx:relation:); docs/format.md lists kgx's terms",
                ),
            };
            self.note(self.place(subject, predicate), message, help);
        }
    }

    /// Takes a date term, or notes a term kgx does not read on `what`.
    fn date_term<'m>(
        &'m self,
        dates: &mut Dates<'m>,
        subject: Id,
        fact: Fact,
        (what, terms): (&str, &str),
    ) {
        let term = self.key(fact.predicate).strip_prefix(KGX).unwrap_or("");
        let Object::Literal(index) = fact.object else {
            return self.unread(subject, fact, what, terms);
        };
        let literal = self.literal(index);
        match dates.take(term, literal) {
            Taken::Read => {}
            Taken::Replacing(earlier) => self.note(
                self.literal_span(literal),
                format!(
                    "a second kgx:{term} on {what} replaces the first, \"{}\", which is left out",
                    earlier.value()
                ),
                "give one kgx:date, or one kgx:start and one kgx:end",
            ),
            Taken::Unknown => self.unread(subject, fact, what, terms),
        }
    }

    /// Finds the structural resources and the actors, in actor order.
    fn classify(&mut self) {
        let count = self.data.resources.len();
        let known = &self.known;
        let mut is_predicate = vec![false; count];
        let mut is_class = vec![false; count];
        let mut first_subject = vec![u32::MAX; count];
        let mut first_seen = vec![u32::MAX; count];
        let mut structural = vec![false; count];
        for (index, fact) in self.data.facts.iter().enumerate() {
            let index = index as u32;
            let s = fact.subject as usize;
            first_subject[s] = first_subject[s].min(index);
            first_seen[s] = first_seen[s].min(index);
            is_predicate[fact.predicate as usize] = true;
            let Object::Resource(o) = fact.object else {
                continue;
            };
            first_seen[o as usize] = first_seen[o as usize].min(index);
            let p = Some(fact.predicate);
            if p == known.rdf_type {
                is_class[o as usize] = true;
                let object = self.key(o);
                if object == rdf::STATEMENT.as_str() || self.is(o, "Graph") || self.is(o, "Source")
                {
                    structural[s] = true;
                }
            } else if p == known.subject || p == known.predicate || p == known.object {
                structural[s] = true;
                // A statement's predicate is a property, not an actor.
                if p == known.predicate {
                    is_predicate[o as usize] = true;
                }
            } else if ["evidence", "role", "source"]
                .iter()
                .any(|term| self.is(fact.predicate, term))
            {
                structural[o as usize] = true;
            }
        }
        let mut actor = vec![false; count];
        for fact in &self.data.facts {
            let Object::Resource(o) = fact.object else {
                continue;
            };
            let p = Some(fact.predicate);
            let (s, o) = (fact.subject as usize, o as usize);
            if (p == known.subject || p == known.object) && !structural[o] {
                actor[o] = true;
            } else if p != known.rdf_type
                && !structural[s]
                && !structural[o]
                && !self.is_kgx(fact.predicate)
            {
                actor[s] = true;
                actor[o] = true;
            }
        }
        for r in 0..count {
            if first_subject[r] != u32::MAX && !structural[r] && !is_predicate[r] && !is_class[r] {
                actor[r] = true;
            }
        }
        let mut actors: Vec<Id> = (0..count as Id).filter(|&r| actor[r as usize]).collect();
        actors.sort_by_key(|&r| {
            let r = r as usize;
            (
                first_subject[r] == u32::MAX,
                first_subject[r].min(first_seen[r]),
            )
        });
        self.actor_number = vec![u32::MAX; count];
        for (n, &r) in actors.iter().enumerate() {
            self.actor_number[r as usize] = n as u32;
        }
        self.actors = actors;
        self.structural = structural;
        self.ids = self.actor_ids();
    }

    /// Ids for the actors: kgx's own as they were, other IRIs by prefix
    /// (`schema:Person`) or whole, blank nodes numbered in order.
    fn actor_ids(&self) -> Vec<String> {
        let mut taken = HashSet::new();
        let mut blank = 0;
        self.actors
            .iter()
            .map(|&r| {
                let key = self.key(r);
                let id = if key.starts_with("_:") {
                    blank += 1;
                    format!("_:b{blank}")
                } else if let Some(id) = vocab::local_in(ACTOR, key) {
                    id
                } else {
                    self.prefixes.shorten(key).unwrap_or_else(|| key.to_owned())
                };
                let mut unique = id.clone();
                let mut n = 2;
                while !taken.insert(unique.clone()) {
                    unique = format!("{id}-{n}");
                    n += 1;
                }
                if unique != id {
                    self.note(
                        self.locate(key),
                        format!("this resource is read as the actor \"{unique}\": another one is \"{id}\" already"),
                        "two resources whose IRIs shorten alike get numbered ids",
                    );
                }
                unique
            })
            .collect()
    }

    /// The id of a resource that must be an actor (an evidence's speaker,
    /// a role's office): its actor id, else its name as written so that
    /// validation reports it.
    fn actor_id(&self, resource: Id) -> String {
        match self.actor_of(resource) {
            Some(n) => self.ids[n].clone(),
            None => self.short(resource),
        }
    }

    /// An IRI by prefix, or whole.
    fn short(&self, resource: Id) -> String {
        let key = self.key(resource);
        self.prefixes.shorten(key).unwrap_or_else(|| key.to_owned())
    }

    /// A resource's name in the wanted language, from the name predicates.
    fn label(&self, resource: Id) -> Option<String> {
        self.best_name(resource)
            .map(|(_, index)| self.literal(index).value().to_owned())
    }

    /// The best name literal of a subject: the wanted language first, then
    /// the name predicates in order, then file order.
    fn best_name(&self, subject: Id) -> Option<(u32, u32)> {
        self.facts_of(subject)
            .filter_map(|(at, fact)| {
                let rank = *self.known.names.get(&fact.predicate)?;
                let Object::Literal(index) = fact.object else {
                    return None;
                };
                let literal = self.literal(index);
                (!literal.value().trim().is_empty())
                    .then(|| ((language_rank(literal, self.lang), rank, at), (at, index)))
            })
            .min_by_key(|(order, _)| *order)
            .map(|(_, found)| found)
    }

    /// The text kept for a literal attribute: plain text as it is, others
    /// with their language (`"Moskva"@ru`) or datatype (`"3"^^xsd:integer`).
    fn literal_text(&self, literal: &Literal) -> String {
        if let Some(language) = literal.language() {
            format!("\"{}\"@{language}", literal.value())
        } else if literal.datatype() == xsd::STRING {
            literal.value().to_owned()
        } else {
            let datatype = literal.datatype().as_str();
            let datatype = self
                .prefixes
                .shorten(datatype)
                .unwrap_or_else(|| format!("<{datatype}>"));
            format!("\"{}\"^^{datatype}", literal.value())
        }
    }

    /// The attribute key of a predicate.
    fn attribute_key(&self, predicate: Id) -> String {
        vocab::local_in(ATTRIBUTE, self.key(predicate)).unwrap_or_else(|| self.short(predicate))
    }

    /// Where a resource is first written in the text, for diagnostics.
    fn locate(&self, key: &str) -> Range<usize> {
        let short = self.prefixes.shorten(key);
        let local = vocab::local_in(ACTOR, key);
        let needles = [
            Some(format!("<{key}>")),
            short,
            local.map(|l| format!(":{l}")),
        ];
        needles
            .iter()
            .flatten()
            .find_map(|needle| {
                self.text
                    .find(needle.as_str())
                    .map(|at| at..at + needle.len())
            })
            .unwrap_or(0..0)
    }

    /// A literal's first place in the text.
    fn literal_span(&self, literal: &Literal) -> Range<usize> {
        let needle = format!("\"{}\"", literal.value());
        self.text
            .find(&needle)
            .map_or(0..0, |at| at..at + needle.len())
    }

    /// A problem at a literal's first place in the text.
    fn literal_problem(&self, literal: &Literal, message: String, help: &str) -> Problem {
        let span = self.literal_span(literal);
        Problem::at(span, message)
            .label("here")
            .help(Some(help.to_owned()))
    }

    /// The data set, and for each relation the resource that locates it
    /// in the text (its statement, or its subject).
    fn dataset(&self, name: &str, problems: &mut Vec<Problem>) -> (Dataset, Vec<Id>) {
        let mut dataset = Dataset {
            title: String::new(),
            description: None,
            sources: Vec::new(),
            actors: Vec::new(),
            relations: Vec::new(),
        };
        let mut described: Vec<(u32, Id, &str)> = Vec::new();
        for r in 0..self.data.resources.len() as Id {
            if !self.structural[r as usize] {
                continue;
            }
            for (at, fact) in self.facts_of(r) {
                if Some(fact.predicate) != self.known.rdf_type {
                    continue;
                }
                if let Object::Resource(class) = fact.object {
                    if self.is(class, "Graph") {
                        described.push((at, r, "Graph"));
                    } else if self.is(class, "Source") {
                        described.push((at, r, "Source"));
                    } else if self.key(class) == rdf::STATEMENT.as_str() {
                        described.push((at, r, "Statement"));
                    }
                }
            }
        }
        // Statements need not be typed: rdf:subject says what they are.
        let mut typed = vec![false; self.data.resources.len()];
        for &(_, r, _) in &described {
            typed[r as usize] = true;
        }
        for r in 0..self.data.resources.len() as Id {
            if self.structural[r as usize]
                && !typed[r as usize]
                && self
                    .facts_of(r)
                    .any(|(_, f)| Some(f.predicate) == self.known.subject)
                && let Some((at, _)) = self.facts_of(r).next()
            {
                described.push((at, r, "Statement"));
            }
        }
        described.sort_unstable();
        described.dedup_by_key(|(_, r, _)| *r);
        let mut relations: Vec<(u32, Id, Relation)> = Vec::new();
        let mut covered = hashbrown::HashSet::new();
        let mut graph_read = false;
        for &(at, r, what) in &described {
            match what {
                "Graph" if !graph_read => {
                    self.graph(r, &mut dataset);
                    graph_read = true;
                }
                "Graph" => self.note(
                    self.locate(self.key(r)),
                    "a second graph description is left out: kgx reads the title and description of the first".to_owned(),
                    "describe the graph once (one resource of type kgx:Graph)",
                ),
                "Source" => dataset.sources.push(self.source(r, problems)),
                "Statement" => {
                    if let Some((triple, relation)) = self.statement(r, problems) {
                        covered.insert(triple);
                        relations.push((at, r, relation));
                    }
                }
                _ => {}
            }
        }
        if dataset.title.is_empty() {
            dataset.title = foreign::title_from(name);
        }
        dataset.actors = self
            .actors
            .iter()
            .enumerate()
            .map(|(n, &r)| self.actor(r, n, problems))
            .collect();
        let mut kinds: hashbrown::HashMap<Id, (String, Option<String>, Option<String>)> =
            hashbrown::HashMap::new();
        for (at, fact) in self.data.facts.iter().enumerate() {
            let Object::Resource(o) = fact.object else {
                continue;
            };
            let triple = (fact.subject, fact.predicate, o);
            if Some(fact.predicate) == self.known.rdf_type
                || self.actor_of(fact.subject).is_none()
                || self.actor_of(o).is_none()
                || self.is_kgx(fact.predicate)
                || covered.contains(&triple)
            {
                continue;
            }
            let (kind, label, iri) = kinds
                .entry(fact.predicate)
                .or_insert_with(|| self.relation_kind(fact.predicate))
                .clone();
            let mut relation = Relation {
                from: self.actor_id(fact.subject),
                to: self.actor_id(o),
                kind,
                label,
                directed: true,
                date: None,
                status: Status::default(),
                stance: Stance::default(),
                evidence: Vec::new(),
                attributes: BTreeMap::new(),
            };
            if let Some(iri) = iri {
                relation
                    .attributes
                    .insert(vocab::PREDICATE_ATTRIBUTE.to_owned(), iri);
            }
            relations.push((at as u32, fact.subject, relation));
        }
        relations.sort_by_key(|(at, _, _)| *at);
        let (subjects, relations) = relations
            .into_iter()
            .map(|(_, subject, relation)| (subject, relation))
            .unzip();
        dataset.relations = relations;
        (dataset, subjects)
    }

    /// The kind, label and full IRI (when not kgx's) of a predicate.
    fn relation_kind(&self, predicate: Id) -> (String, Option<String>, Option<String>) {
        let key = self.key(predicate);
        if let Some(kind) = vocab::local_in(RELATION, key) {
            return (kind, None, None);
        }
        let (kind, _) = foreign::relation_kind(&words(prefixes::local_name(key)));
        (kind, self.label(predicate), Some(key.to_owned()))
    }

    fn graph(&self, r: Id, dataset: &mut Dataset) {
        for (_, fact) in self.facts_of(r) {
            let value = match fact.object {
                Object::Literal(index) => self.literal(index).value().to_owned(),
                Object::Resource(_) if Some(fact.predicate) == self.known.rdf_type => continue,
                Object::Resource(_) => {
                    self.unread(r, fact, "the graph", GRAPH_TERMS);
                    continue;
                }
            };
            if self.is(fact.predicate, "title") {
                dataset.title = value;
            } else if self.is(fact.predicate, "description") {
                dataset.description = Some(value);
            } else {
                self.unread(r, fact, "the graph", GRAPH_TERMS);
            }
        }
    }

    fn source(&self, r: Id, problems: &mut Vec<Problem>) -> Source {
        let key = self.key(r);
        let mut source = Source {
            id: vocab::local_in(SOURCE, key).unwrap_or_else(|| self.short(r)),
            title: String::new(),
            publisher: None,
            date: None,
            url: None,
            reliability: None,
            text_file: None,
            text: None,
            background: false,
        };
        let mut dates = Dates::default();
        for (_, fact) in self.facts_of(r) {
            let Object::Literal(index) = fact.object else {
                if Some(fact.predicate) != self.known.rdf_type {
                    self.unread(r, fact, "a source", SOURCE_TERMS);
                }
                continue;
            };
            let literal = self.literal(index);
            let value = literal.value().to_owned();
            match self.key(fact.predicate).strip_prefix(KGX).unwrap_or("") {
                "title" => source.title = value,
                "publisher" => source.publisher = Some(value),
                "url" => source.url = Some(value),
                "textFile" => source.text_file = Some(value),
                "text" => source.text = Some(value),
                "background" => {
                    source.background = value == "true";
                    if value != "true" && value != "false" {
                        self.note(
                            self.literal_span(literal),
                            format!("kgx:background \"{value}\" is read as false"),
                            "kgx:background is true or false",
                        );
                    }
                }
                "reliability" => {
                    source.reliability = Reliability::ALL
                        .into_iter()
                        .find(|grade| value.eq_ignore_ascii_case(&grade.letter().to_string()));
                    if source.reliability.is_none() {
                        problems.push(self.literal_problem(
                            literal,
                            format!("unknown reliability \"{value}\""),
                            "a source's kgx:reliability is a letter from A to F",
                        ));
                    }
                }
                _ => self.date_term(&mut dates, r, fact, ("a source", SOURCE_TERMS)),
            }
        }
        source.date = dates.when(self, problems);
        source
    }

    /// A reified statement: its triple and the relation it describes.
    fn statement(&self, r: Id, problems: &mut Vec<Problem>) -> Option<((Id, Id, Id), Relation)> {
        let part = |which: Option<Id>, name: &str| {
            let mut given = self.facts_of(r).filter_map(|(_, fact)| match fact.object {
                Object::Resource(o) if Some(fact.predicate) == which => Some((o, fact)),
                _ => None,
            });
            let first = given.next();
            if let Some((_, fact)) = given.next() {
                self.note(
                    self.place(r, fact.predicate),
                    format!("a second {name} of a statement is left out: kgx reads the first"),
                    "a statement describes one triple: one rdf:subject, rdf:predicate and rdf:object",
                );
            }
            first.map(|(o, _)| o)
        };
        let parts = (
            part(self.known.subject, "rdf:subject"),
            part(self.known.predicate, "rdf:predicate"),
            part(self.known.object, "rdf:object"),
        );
        let (Some(subject), Some(predicate), Some(object)) = parts else {
            // A blank node has no name in the text: its last triple is
            // the likeliest to be found where it is written.
            let span = match self.facts_of(r).last() {
                Some((_, fact)) if self.key(r).starts_with("_:") => self.place(r, fact.predicate),
                _ => self.locate(self.key(r)),
            };
            self.note(
                span,
                "a statement without an rdf:subject, rdf:predicate and rdf:object is left out"
                    .to_owned(),
                "a statement describes one triple: give all three",
            );
            return None;
        };
        let (kind, mut label, iri) = self.relation_kind(predicate);
        let mut relation = Relation {
            from: self.actor_id(subject),
            to: self.actor_id(object),
            kind,
            label: None,
            directed: true,
            date: None,
            status: Status::default(),
            stance: Stance::default(),
            evidence: Vec::new(),
            attributes: BTreeMap::new(),
        };
        if let Some(iri) = iri {
            relation
                .attributes
                .insert(vocab::PREDICATE_ATTRIBUTE.to_owned(), iri);
        }
        let mut dates = Dates::default();
        for (_, fact) in self.facts_of(r) {
            let p = Some(fact.predicate);
            if p == self.known.rdf_type
                || p == self.known.subject
                || p == self.known.predicate
                || p == self.known.object
            {
                continue;
            }
            let term = self.key(fact.predicate).strip_prefix(KGX);
            match (term, fact.object) {
                (Some("evidence"), Object::Resource(e)) => {
                    relation.evidence.push(self.evidence(e));
                }
                (Some("status"), object) => {
                    let text = self.value_name(object);
                    match Status::ALL.into_iter().find(|s| s.name() == text) {
                        Some(status) => relation.status = status,
                        None => problems.push(self.value_problem(object, "status", &text)),
                    }
                }
                (Some("stance"), object) => {
                    let text = self.value_name(object);
                    match Stance::ALL.into_iter().find(|s| s.name() == text) {
                        Some(stance) => relation.stance = stance,
                        None => problems.push(self.value_problem(object, "stance", &text)),
                    }
                }
                (Some("label"), Object::Literal(index)) => {
                    label = Some(self.literal(index).value().to_owned());
                }
                (Some("directed"), Object::Literal(index)) => {
                    let literal = self.literal(index);
                    let value = literal.value();
                    relation.directed = value != "false";
                    if value != "false" && value != "true" {
                        self.note(
                            self.literal_span(literal),
                            format!("kgx:directed \"{value}\" is read as directed"),
                            "kgx:directed is false for a relation without a direction (true, or nothing, for one with)",
                        );
                    }
                }
                (Some(_), _) => {
                    self.date_term(&mut dates, r, fact, ("a statement", STATEMENT_TERMS));
                }
                (None, Object::Literal(index)) => insert_numbered(
                    &mut relation.attributes,
                    self.attribute_key(fact.predicate),
                    self.literal_text(self.literal(index)),
                ),
                (None, Object::Resource(_)) => {
                    self.unread(r, fact, "a statement", STATEMENT_TERMS);
                }
            }
        }
        relation.label = label;
        relation.date = dates.when(self, problems);
        Some(((subject, predicate, object), relation))
    }

    /// The local name of a kgx term or the text of a literal, for status
    /// and stance values.
    fn value_name(&self, object: Object) -> String {
        match object {
            Object::Resource(r) => self
                .key(r)
                .strip_prefix(KGX)
                .map_or_else(|| self.short(r), str::to_owned),
            Object::Literal(index) => self.literal(index).value().to_owned(),
        }
    }

    fn value_problem(&self, object: Object, what: &str, text: &str) -> Problem {
        let names: Vec<&str> = match what {
            "status" => Status::ALL.iter().map(|s| s.name()).collect(),
            _ => Stance::ALL.iter().map(|s| s.name()).collect(),
        };
        let help = format!("a kgx:{what} is one of kgx:{}", names.join(", kgx:"));
        let message = format!("unknown {what} \"{text}\"");
        match object {
            Object::Literal(index) => self.literal_problem(self.literal(index), message, &help),
            Object::Resource(r) => Problem::at(self.locate(self.key(r)), message)
                .label("here")
                .help(Some(help)),
        }
    }

    fn evidence(&self, r: Id) -> Evidence {
        let mut evidence = Evidence {
            source: String::new(),
            quote: String::new(),
            attributed_to: None,
        };
        for (_, fact) in self.facts_of(r) {
            match (self.key(fact.predicate).strip_prefix(KGX), fact.object) {
                (Some("source"), Object::Resource(s)) => {
                    evidence.source =
                        vocab::local_in(SOURCE, self.key(s)).unwrap_or_else(|| self.short(s));
                }
                (Some("quote"), Object::Literal(index)) => {
                    evidence.quote = self.literal(index).value().to_owned();
                }
                (Some("attributedTo"), Object::Resource(a)) => {
                    evidence.attributed_to = Some(self.actor_id(a));
                }
                _ if Some(fact.predicate) == self.known.rdf_type => {}
                _ => self.unread(r, fact, "evidence", EVIDENCE_TERMS),
            }
        }
        evidence
    }

    fn role(&self, r: Id, problems: &mut Vec<Problem>) -> Role {
        let mut role = Role {
            title: String::new(),
            of: None,
            date: None,
        };
        let mut dates = Dates::default();
        for (_, fact) in self.facts_of(r) {
            match (self.key(fact.predicate).strip_prefix(KGX), fact.object) {
                (Some("title"), Object::Literal(index)) => {
                    role.title = self.literal(index).value().to_owned();
                }
                (Some("of"), Object::Resource(of)) => role.of = Some(self.actor_id(of)),
                _ if Some(fact.predicate) == self.known.rdf_type => {}
                _ => self.date_term(&mut dates, r, fact, ("a role", ROLE_TERMS)),
            }
        }
        role.date = dates.when(self, problems);
        role
    }

    fn actor(&self, r: Id, number: usize, problems: &mut Vec<Problem>) -> Actor {
        let key = self.key(r);
        let mut actor = Actor {
            id: self.ids[number].clone(),
            name: String::new(),
            kind: ActorKind::Other(DEFAULT_ACTOR_KIND.to_owned()),
            aliases: Vec::new(),
            summary: None,
            roles: Vec::new(),
            date: None,
            external_ids: BTreeMap::new(),
            attributes: BTreeMap::new(),
        };
        if !key.starts_with("_:") && !key.starts_with(ACTOR) {
            actor
                .external_ids
                .insert(vocab::IRI_ID.to_owned(), key.to_owned());
        }
        let name = self.best_name(r).map(|(at, _)| at);
        let summary = self
            .facts_of(r)
            .filter_map(|(at, fact)| match fact.object {
                Object::Literal(index) if Some(fact.predicate) == self.known.comment => {
                    Some((language_rank(self.literal(index), self.lang), at))
                }
                _ => None,
            })
            .min()
            .map(|(_, at)| at);
        let mut kind_given = false;
        let mut dates = Dates::default();
        for (at, fact) in self.facts_of(r) {
            let predicate_key = self.key(fact.predicate);
            match fact.object {
                Object::Resource(class) if Some(fact.predicate) == self.known.rdf_type => {
                    if kind_given {
                        let value = match self.key(class) {
                            blank if blank.starts_with("_:") => blank.to_owned(),
                            iri => format!("<{iri}>"),
                        };
                        insert_numbered(&mut actor.attributes, self.short(fact.predicate), value);
                    } else {
                        actor.kind = self.kind(class);
                        kind_given = true;
                    }
                }
                Object::Resource(role) if self.is(fact.predicate, "role") => {
                    actor.roles.push(self.role(role, problems));
                }
                Object::Resource(_) => {}
                Object::Literal(index) => {
                    let literal = self.literal(index);
                    let value = || literal.value().to_owned();
                    if Some(at) == name {
                        actor.name = value();
                    } else if Some(at) == summary {
                        actor.summary = Some(value());
                    } else if Some(fact.predicate) == self.known.alt_label {
                        actor.aliases.push(value());
                    } else if let Some(scheme) = vocab::local_in(EXTERNAL_ID, predicate_key) {
                        actor.external_ids.insert(scheme, value());
                    } else if predicate_key.starts_with(KGX) {
                        self.date_term(&mut dates, r, fact, ("an actor", ACTOR_TERMS));
                    } else {
                        insert_numbered(
                            &mut actor.attributes,
                            self.attribute_key(fact.predicate),
                            self.literal_text(literal),
                        );
                    }
                }
            }
        }
        actor.date = dates.when(self, problems);
        if actor.name.is_empty() {
            actor.name = match key {
                blank if blank.starts_with("_:") => actor.id.clone(),
                _ if key.starts_with(ACTOR) => actor.id.clone(),
                iri => {
                    let local = prefixes::local_name(iri);
                    if local.is_empty() { iri } else { local }.to_owned()
                }
            };
        }
        actor
    }

    /// An actor kind from a class: kgx's kinds exactly, others by their
    /// label or local name (`schema:Person` is a Person).
    fn kind(&self, class: Id) -> ActorKind {
        let key = self.key(class);
        if let Some(name) = vocab::local_in(KIND, key) {
            return ActorKind::NAMED
                .into_iter()
                .find(|kind| kind.name() == name)
                .unwrap_or(ActorKind::Other(name));
        }
        let name = self.label(class).unwrap_or_else(|| {
            let local = prefixes::local_name(key);
            if local.is_empty() {
                self.short(class)
            } else {
                local.to_owned()
            }
        });
        foreign::actor_kind(&name)
    }
}

/// How well a literal's language suits the one wanted: the language
/// itself, then its family (`en` for `en-GB`), then no language, then
/// English, then any.
fn language_rank(literal: &Literal, wanted: Option<&str>) -> u8 {
    let primary = |tag: &str| tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    match (literal.language(), wanted) {
        (Some(tag), Some(want)) if tag.eq_ignore_ascii_case(want) => 0,
        (Some(tag), Some(want)) if primary(tag) == primary(want) => 1,
        (None, _) => 2,
        (Some(tag), _) if primary(tag) == "en" => 3,
        _ => 4,
    }
}

/// A local name as words, so that `subClassOf` becomes the kind
/// `sub_class_of`.
fn words(local: &str) -> String {
    let mut out = String::with_capacity(local.len() + 4);
    let mut previous: Option<char> = None;
    for c in local.chars() {
        if c.is_uppercase() && previous.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit()) {
            out.push(' ');
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// Adds a value under `key`, or under `key #2`, `key #3` … when the key
/// already has one, so every value of a predicate is kept.
fn insert_numbered(map: &mut BTreeMap<String, String>, key: String, value: String) {
    let mut numbered = key.clone();
    let mut n = 2;
    while map.contains_key(&numbered) {
        numbered = format!("{key} #{n}");
        n += 1;
    }
    map.insert(numbered, value);
}

/// The date terms of one description: `kgx:date`, `kgx:start`, `kgx:end`.
#[derive(Default)]
struct Dates<'a> {
    date: Option<&'a Literal>,
    start: Option<&'a Literal>,
    end: Option<&'a Literal>,
}

/// What became of a date term.
enum Taken<'a> {
    /// It is the description's date, start or end.
    Read,
    /// It replaced an earlier one, which is left out.
    Replacing(&'a Literal),
    /// It is no date term.
    Unknown,
}

impl<'a> Dates<'a> {
    fn take(&mut self, term: &str, literal: &'a Literal) -> Taken<'a> {
        let slot = match term {
            "date" => &mut self.date,
            "start" => &mut self.start,
            "end" => &mut self.end,
            _ => return Taken::Unknown,
        };
        match slot.replace(literal) {
            Some(earlier) if earlier != literal => Taken::Replacing(earlier),
            _ => Taken::Read,
        }
    }

    fn when(&self, mapping: &Mapping<'_>, problems: &mut Vec<Problem>) -> Option<When> {
        let (text, literal) = match (self.date, self.start, self.end) {
            (Some(date), _, _) => (date.value().to_owned(), date),
            (None, Some(start), Some(end)) => {
                (format!("{}..{}", start.value(), end.value()), start)
            }
            (None, Some(start), None) => (format!("{}..", start.value()), start),
            (None, None, Some(end)) => (format!("..{}", end.value()), end),
            (None, None, None) => return None,
        };
        match text.parse::<When>() {
            Ok(when) => Some(when),
            Err(error) => {
                problems.push(mapping.literal_problem(
                    literal,
                    error.0,
                    "kgx:date, kgx:start and kgx:end take xsd:gYear (2025), xsd:gYearMonth (2025-07) or xsd:date (2025-07-31)",
                ));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_names_become_snake_case_kinds() {
        assert_eq!(
            foreign::relation_kind(&words("subClassOf")).0,
            "sub_class_of"
        );
        assert_eq!(foreign::relation_kind(&words("P31")).0, "p31");
        assert_eq!(foreign::relation_kind(&words("knows")).0, "knows");
    }

    #[test]
    fn a_triple_written_twice_counts_once_for_few_and_many_of_a_subject() {
        let mut text = String::from(
            "<http://x/a> <http://x/p> <http://x/b> .\n\
             <http://x/a> <http://x/note> \"n\"@en .\n\
             <http://x/a> <http://x/p> <http://x/b> .\n\
             <http://x/a> <http://x/note> \"n\"@en .\n\
             <http://x/a> <http://x/note> \"n\"@de .\n",
        );
        // A hub: more triples than are compared one by one.
        for round in 0..2 {
            for n in 0..40 {
                text.push_str(&format!("<http://x/hub> <http://x/p> <http://x/n{n}> .\n"));
                text.push_str(&format!(
                    "<http://x/hub> <http://x/v> \"{}\" .\n",
                    n + round
                ));
            }
        }
        let dataset = crate::formats::rdf::read(
            "t.nt",
            &text,
            super::super::Syntax::NTriples,
            None,
            super::super::Profile::Generic,
        )
        .expect("reads");
        let from = |id: &str| dataset.relations.iter().filter(|r| r.from == id).count();
        assert_eq!(from("http://x/a"), 1);
        assert_eq!(from("http://x/hub"), 40);
        let a = dataset
            .actors
            .iter()
            .find(|a| a.id == "http://x/a")
            .expect("a");
        assert_eq!(a.attributes.len(), 2, "{:?}", a.attributes);
        let hub = dataset
            .actors
            .iter()
            .find(|a| a.id == "http://x/hub")
            .expect("hub");
        assert_eq!(hub.attributes.len(), 41, "0..=40 once each");
    }

    #[test]
    fn names_in_the_wanted_language_come_first() {
        let de = Literal::new_language_tagged_literal_unchecked("Moskau", "de");
        let plain = Literal::new_simple_literal("Moscow");
        assert!(language_rank(&de, Some("de-AT")) < language_rank(&plain, Some("de-AT")));
        assert!(language_rank(&plain, None) < language_rank(&de, None));
    }
}
