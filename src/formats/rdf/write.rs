//! Writing a data set as RDF (Turtle or N-Triples) that standard readers
//! parse and that kgx reads back into the same data.
//!
//! Each relation is an ordinary triple (`actor:a rel:hosted actor:b`), so
//! any RDF tool sees the graph; what kgx knows beyond the triple (label,
//! date, status, stance, evidence, attributes, undirectedness, or a second
//! relation on the same triple) is written as a reified statement — an
//! `rdf:Statement` with `rdf:subject`, `rdf:predicate` and `rdf:object` —
//! because RDF 1.1 readers (rdflib among them) all read reification, and
//! not all read RDF-star.

use std::collections::{HashMap, HashSet};
use std::io;

use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{BlankNode, Literal, NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef, Term, Triple};
use oxttl::{NTriplesSerializer, TurtleSerializer};

use super::prefixes::{self, Prefixes, WELL_KNOWN};
use super::vocab::{
    self, ACTOR, ATTRIBUTE, EXTERNAL_ID, GRAPH, KIND, PREDICATE_ATTRIBUTE, RELATION, SOURCE, term,
};
use crate::model::{Actor, Dataset, Relation, Stance, Status, When};

const ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";

/// The data set as Turtle, with prefixes for the namespaces it uses.
pub fn turtle(dataset: &Dataset) -> io::Result<String> {
    let (triples, prefixes) = triples(dataset);
    let used = used_prefixes(&triples, &prefixes);
    let mut serializer = TurtleSerializer::new();
    for (name, namespace) in used {
        serializer = serializer
            .with_prefix(name, namespace)
            .map_err(io::Error::other)?;
    }
    let mut writer = serializer.for_writer(Vec::new());
    for triple in &triples {
        writer.serialize_triple(triple)?;
    }
    String::from_utf8(writer.finish()?).map_err(io::Error::other)
}

/// The data set as N-Triples, one triple a line.
pub fn ntriples(dataset: &Dataset) -> io::Result<String> {
    let (triples, _) = triples(dataset);
    let mut writer = NTriplesSerializer::new().for_writer(Vec::new());
    for triple in &triples {
        writer.serialize_triple(triple)?;
    }
    String::from_utf8(writer.finish()).map_err(io::Error::other)
}

/// The prefixes worth declaring: kgx's, those the actors' ids show were
/// used for their IRIs (`ex:alice` for `http://example.org/alice`), and
/// the well-known ones; each name once, the first declared winning.
fn candidate_prefixes(dataset: &Dataset) -> Vec<(String, String)> {
    let mut candidates: Vec<(String, String)> = vocab::PREFIXES
        .iter()
        .map(|&(name, namespace)| (name.to_owned(), namespace.to_owned()))
        .collect();
    for actor in &dataset.actors {
        let Some(iri) = actor.external_ids.get(vocab::IRI_ID) else {
            continue;
        };
        let (namespace, local) = prefixes::split(iri);
        if let Some((name, id_local)) = actor.id.split_once(':')
            && id_local == local
            && !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
        {
            candidates.push((name.to_owned(), namespace.to_owned()));
        }
    }
    candidates.extend(
        WELL_KNOWN
            .iter()
            .map(|&(name, namespace)| (name.to_owned(), namespace.to_owned())),
    );
    let mut names = HashSet::new();
    let mut namespaces = HashSet::new();
    candidates.retain(|(name, namespace)| {
        names.insert(name.clone()) && namespaces.insert(namespace.clone())
    });
    candidates
}

fn used_prefixes(triples: &[Triple], candidates: &[(String, String)]) -> Vec<(String, String)> {
    let mut used = HashSet::new();
    let mut mark = |iri: &str| {
        if let Some(found) = candidates
            .iter()
            .position(|(_, namespace)| iri.starts_with(namespace.as_str()))
        {
            used.insert(found);
        }
    };
    for triple in triples {
        if let NamedOrBlankNode::NamedNode(node) = &triple.subject {
            mark(node.as_str());
        }
        mark(triple.predicate.as_str());
        match &triple.object {
            Term::NamedNode(node) => mark(node.as_str()),
            Term::Literal(literal) => mark(literal.datatype().as_str()),
            _ => {}
        }
    }
    candidates
        .iter()
        .enumerate()
        .filter(|(index, _)| used.contains(index))
        .map(|(_, prefix)| prefix.clone())
        .collect()
}

/// Every triple of the data set, in the order kgx reads them back, and
/// the prefixes that may shorten them.
fn triples(dataset: &Dataset) -> (Vec<Triple>, Vec<(String, String)>) {
    let candidates = candidate_prefixes(dataset);
    let prefixes = Prefixes::with(candidates.iter().cloned());
    let mut out = Writer {
        triples: Vec::new(),
        prefixes,
        blanks: 0,
    };
    let graph = NamedNode::new_unchecked(GRAPH);
    out.add(&graph, rdf::TYPE.into_owned(), term("Graph"));
    out.add(&graph, term("title"), Literal::from(dataset.title.as_str()));
    if let Some(description) = &dataset.description {
        out.add(
            &graph,
            term("description"),
            Literal::from(description.as_str()),
        );
    }
    for source in &dataset.sources {
        let node = vocab::named(SOURCE, &source.id);
        out.add(&node, rdf::TYPE.into_owned(), term("Source"));
        out.add(&node, term("title"), Literal::from(source.title.as_str()));
        if let Some(publisher) = &source.publisher {
            out.add(&node, term("publisher"), Literal::from(publisher.as_str()));
        }
        out.dates(&node, source.date.as_ref());
        if let Some(url) = &source.url {
            out.add(
                &node,
                term("url"),
                Literal::new_typed_literal(url.as_str(), xsd::ANY_URI),
            );
        }
        if let Some(reliability) = source.reliability {
            out.add(
                &node,
                term("reliability"),
                Literal::from(reliability.letter().to_string()),
            );
        }
        if let Some(text_file) = &source.text_file {
            out.add(&node, term("textFile"), Literal::from(text_file.as_str()));
        }
        if let Some(text) = &source.text {
            out.add(&node, term("text"), Literal::from(text.as_str()));
        }
        if source.background {
            out.add(
                &node,
                term("background"),
                Literal::new_typed_literal("true", xsd::BOOLEAN),
            );
        }
    }
    let nodes: HashMap<&str, NamedNode> = dataset
        .actors
        .iter()
        .map(|actor| (actor.id.as_str(), actor_node(actor)))
        .collect();
    let node_of = |id: &str| {
        nodes
            .get(id)
            .cloned()
            .unwrap_or_else(|| vocab::named(ACTOR, id))
    };
    for actor in &dataset.actors {
        out.actor(actor, &node_of(&actor.id), &node_of);
    }
    let mut uses: HashMap<(String, String, String), usize> = HashMap::new();
    for relation in &dataset.relations {
        let predicate = predicate(relation).0;
        *uses
            .entry((
                relation.from.clone(),
                predicate.into_string(),
                relation.to.clone(),
            ))
            .or_default() += 1;
    }
    let mut written = HashSet::new();
    for relation in &dataset.relations {
        let (predicate, from_attribute) = predicate(relation);
        let (from, to) = (node_of(&relation.from), node_of(&relation.to));
        let key = (
            relation.from.clone(),
            predicate.as_str().to_owned(),
            relation.to.clone(),
        );
        let shared = uses.get(&key).copied().unwrap_or(0) > 1;
        if written.insert(key) {
            out.add(&from, predicate.clone(), to.clone());
        }
        let plain_attributes = relation.attributes.len() == usize::from(from_attribute);
        let plain = relation.label.is_none()
            && relation.directed
            && relation.date.is_none()
            && relation.status == Status::default()
            && relation.stance == Stance::default()
            && relation.evidence.is_empty()
            && plain_attributes
            && !shared;
        if !plain {
            out.statement(relation, &from, predicate, &to, from_attribute, &node_of);
        }
    }
    (out.triples, candidates)
}

/// The IRI an actor is written as: its own (from an RDF file), else its
/// id in kgx's actor namespace.
fn actor_node(actor: &Actor) -> NamedNode {
    actor
        .external_ids
        .get(vocab::IRI_ID)
        .and_then(|iri| NamedNode::new(iri.as_str()).ok())
        .unwrap_or_else(|| vocab::named(ACTOR, &actor.id))
}

/// A relation's predicate: the IRI it was read from, else its kind in
/// kgx's namespace; and whether the IRI came from its attributes.
fn predicate(relation: &Relation) -> (NamedNode, bool) {
    match relation
        .attributes
        .get(PREDICATE_ATTRIBUTE)
        .and_then(|iri| NamedNode::new(iri.as_str()).ok())
    {
        Some(iri) => (iri, true),
        None => (vocab::named(RELATION, &relation.kind), false),
    }
}

struct Writer {
    triples: Vec<Triple>,
    prefixes: Prefixes,
    blanks: usize,
}

impl Writer {
    fn add<'s>(
        &mut self,
        subject: impl Into<NamedOrBlankNodeRef<'s>>,
        predicate: NamedNode,
        object: impl Into<Term>,
    ) {
        self.triples
            .push(Triple::new(subject.into().into_owned(), predicate, object));
    }

    fn blank(&mut self, what: &str) -> BlankNode {
        self.blanks += 1;
        BlankNode::new_unchecked(format!("{what}{}", self.blanks))
    }

    fn dates<'s>(
        &mut self,
        subject: impl Into<NamedOrBlankNodeRef<'s>> + Copy,
        when: Option<&When>,
    ) {
        for (predicate, literal) in when.map(vocab::date_terms).unwrap_or_default() {
            self.add(subject, predicate, literal);
        }
    }

    fn actor(&mut self, actor: &Actor, node: &NamedNode, node_of: &impl Fn(&str) -> NamedNode) {
        let kind = vocab::named(KIND, actor.kind.name());
        self.add(node, rdf::TYPE.into_owned(), kind);
        self.add(
            node,
            rdfs::LABEL.into_owned(),
            Literal::from(actor.name.as_str()),
        );
        for alias in &actor.aliases {
            self.add(
                node,
                NamedNode::new_unchecked(ALT_LABEL),
                Literal::from(alias.as_str()),
            );
        }
        if let Some(summary) = &actor.summary {
            self.add(
                node,
                rdfs::COMMENT.into_owned(),
                Literal::from(summary.as_str()),
            );
        }
        self.dates(node, actor.date.as_ref());
        for (scheme, id) in &actor.external_ids {
            if scheme != vocab::IRI_ID {
                self.add(
                    node,
                    vocab::named(EXTERNAL_ID, scheme),
                    Literal::from(id.as_str()),
                );
            }
        }
        self.attributes(node, actor.attributes.iter());
        let roles: Vec<BlankNode> = actor
            .roles
            .iter()
            .map(|_| {
                let role = self.blank("role");
                self.add(node, term("role"), role.clone());
                role
            })
            .collect();
        for (role, node) in actor.roles.iter().zip(roles) {
            self.add(&node, term("title"), Literal::from(role.title.as_str()));
            if let Some(of) = &role.of {
                self.add(&node, term("of"), node_of(of));
            }
            self.dates(&node, role.date.as_ref());
        }
    }

    fn statement(
        &mut self,
        relation: &Relation,
        from: &NamedNode,
        predicate: NamedNode,
        to: &NamedNode,
        from_attribute: bool,
        node_of: &impl Fn(&str) -> NamedNode,
    ) {
        let statement = self.blank("s");
        self.add(
            &statement,
            rdf::TYPE.into_owned(),
            rdf::STATEMENT.into_owned(),
        );
        self.add(&statement, rdf::SUBJECT.into_owned(), from.clone());
        self.add(&statement, rdf::PREDICATE.into_owned(), predicate);
        self.add(&statement, rdf::OBJECT.into_owned(), to.clone());
        if let Some(label) = &relation.label {
            self.add(&statement, term("label"), Literal::from(label.as_str()));
        }
        if !relation.directed {
            self.add(&statement, term("directed"), Literal::from(false));
        }
        self.dates(&statement, relation.date.as_ref());
        if relation.status != Status::default() {
            self.add(&statement, term("status"), term(relation.status.name()));
        }
        if relation.stance != Stance::default() {
            self.add(&statement, term("stance"), term(relation.stance.name()));
        }
        self.attributes(
            &statement,
            relation
                .attributes
                .iter()
                .filter(|(key, _)| !(from_attribute && key.as_str() == PREDICATE_ATTRIBUTE)),
        );
        let evidence: Vec<BlankNode> = relation
            .evidence
            .iter()
            .map(|_| {
                let node = self.blank("e");
                self.add(&statement, term("evidence"), node.clone());
                node
            })
            .collect();
        for (evidence, node) in relation.evidence.iter().zip(evidence) {
            self.add(
                &node,
                term("source"),
                vocab::named(SOURCE, &evidence.source),
            );
            self.add(&node, term("quote"), Literal::from(evidence.quote.as_str()));
            if let Some(who) = &evidence.attributed_to {
                self.add(&node, term("attributedTo"), node_of(who));
            }
        }
    }

    /// Attributes as triples: keys that name an IRI (`schema:email`, or a
    /// full IRI, with the `#2` of a second value dropped) are that
    /// predicate; other keys are in kgx's attribute namespace.
    fn attributes<'b, 's>(
        &mut self,
        subject: impl Into<NamedOrBlankNodeRef<'s>> + Copy,
        attributes: impl Iterator<Item = (&'b String, &'b String)>,
    ) {
        for (key, value) in attributes {
            let predicate = self
                .predicate_named(key)
                .unwrap_or_else(|| vocab::named(ATTRIBUTE, key));
            let object = value_term(value, &self.prefixes);
            self.add(subject, predicate, object);
        }
    }

    fn predicate_named(&self, key: &str) -> Option<NamedNode> {
        let base = match key.rsplit_once(" #") {
            Some((base, n)) if n.parse::<u32>().is_ok_and(|n| n >= 2) => base,
            _ => key,
        };
        let iri = self.prefixes.expand(base).or_else(|| {
            (base.contains("://") || base.starts_with("urn:")).then(|| base.to_owned())
        })?;
        NamedNode::new(iri).ok()
    }
}

/// An attribute's text as the RDF term it stands for: `<iri>`, a literal
/// with its language (`"Moskva"@ru`) or datatype (`"3"^^xsd:integer`), or
/// plain text.
fn value_term(value: &str, prefixes: &Prefixes) -> Term {
    if let Some(iri) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>'))
        && let Ok(node) = NamedNode::new(iri)
    {
        return node.into();
    }
    if let Some(quoted) = value.strip_prefix('"') {
        if let Some((lexical, language)) = quoted.rsplit_once("\"@")
            && let Ok(literal) = Literal::new_language_tagged_literal(lexical, language)
        {
            return literal.into();
        }
        if let Some((lexical, datatype)) = quoted.rsplit_once("\"^^") {
            let iri = match datatype.strip_prefix('<').and_then(|d| d.strip_suffix('>')) {
                Some(iri) => Some(iri.to_owned()),
                None => prefixes.expand(datatype),
            };
            if let Some(Ok(datatype)) = iri.map(NamedNode::new) {
                return Literal::new_typed_literal(lexical, datatype).into();
            }
        }
    }
    Literal::from(value).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_texts_become_the_terms_they_spell() {
        let prefixes = Prefixes::with([]);
        assert_eq!(
            value_term("\"Moskva\"@ru", &prefixes),
            Literal::new_language_tagged_literal_unchecked("Moskva", "ru").into()
        );
        assert_eq!(
            value_term("\"3\"^^xsd:integer", &prefixes),
            Literal::new_typed_literal("3", xsd::INTEGER).into()
        );
        assert_eq!(
            value_term("<http://schema.org/Thing>", &prefixes),
            NamedNode::new_unchecked("http://schema.org/Thing").into()
        );
        assert_eq!(value_term("1.5", &prefixes), Literal::from("1.5").into());
        assert_eq!(
            value_term("\"x\"^^nope:t", &prefixes),
            Literal::from("\"x\"^^nope:t").into()
        );
    }
}
