//! The Wikidata profile (`--profile wikidata`, docs/format.md, "The
//! Wikidata profile"): Wikidata's statement model rewritten into kgx's own
//! vocabulary before the generic mapping reads it.
//!
//! A statement node (`wd:Q1 p:P39 wds:… . wds:… ps:P39 wd:Q2`) becomes a
//! reified statement about `wd:Q1 wdt:P39 wd:Q2`, so it merges with the
//! truthy triple: its qualifiers `P580`/`P582`/`P585` (start, end, point
//! in time, at the precision Wikidata gives) become the relation's date,
//! its references (`prov:wasDerivedFrom`) evidence citing a source (title
//! from `P1476`, `P248` stated in or `P854` reference URL; `P1683` quote),
//! a deprecated rank status Disputed. Other literal qualifiers stay as
//! attributes. `P31` (instance of) gives the actor's kind, a property's
//! label names its relations, `schema:description` is the summary, and
//! Wikidata's bookkeeping (value nodes, sitelinks, counts, `wikibase:`
//! terms) is left out.

use std::collections::{HashMap, HashSet};

use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{BlankNode, Literal, NamedNode, NamedOrBlankNode, Term, Triple};

use super::vocab::{self, ATTRIBUTE, term};
use crate::model::When;

const ENTITY: &str = "http://www.wikidata.org/entity/";
const DIRECT: &str = "http://www.wikidata.org/prop/direct/";
const CLAIM: &str = "http://www.wikidata.org/prop/";
const STATEMENT: &str = "http://www.wikidata.org/prop/statement/";
const QUALIFIER: &str = "http://www.wikidata.org/prop/qualifier/";
const QUALIFIER_VALUE: &str = "http://www.wikidata.org/prop/qualifier/value/";
const REFERENCE: &str = "http://www.wikidata.org/prop/reference/";
const VALUE_NODE: &str = "http://www.wikidata.org/value/";
const WIKIBASE: &str = "http://wikiba.se/ontology#";
const DERIVED_FROM: &str = "http://www.w3.org/ns/prov#wasDerivedFrom";
const DESCRIPTION: &str = "http://schema.org/description";
const ABOUT: &str = "http://schema.org/about";
/// Wikidata's bookkeeping about an item's page, not about the item.
const PAGE_FACTS: [&str; 2] = [
    "http://schema.org/version",
    "http://schema.org/dateModified",
];

/// Wikidata's triples in kgx's vocabulary, and how many the profile left
/// out as Wikidata's own bookkeeping, which the reader says.
pub struct Translated {
    /// The triples to map.
    pub triples: Vec<Triple>,
    /// Bookkeeping triples and sitelinks left out.
    pub left_out: usize,
}

impl Translated {
    /// The warning to give, when something was left out.
    pub fn warning(&self) -> Option<String> {
        (self.left_out > 0).then(|| {
            format!(
                "{} triple{} of Wikidata's bookkeeping (wikibase: terms and classes, sitelinks, page versions and dates, normalized values) left out, as the Wikidata profile does: see docs/format.md",
                self.left_out,
                if self.left_out == 1 { "" } else { "s" },
            )
        })
    }
}

/// Rewrites Wikidata's triples into kgx's vocabulary; `lang` picks the
/// label of a reference's "stated in" item.
pub fn translate(triples: Vec<Triple>, lang: Option<&str>) -> Translated {
    let data = Index::new(&triples, lang);
    let mut out: Vec<Triple> = Vec::with_capacity(triples.len());
    let mut sources_written = HashSet::new();
    let mut described_only: HashSet<NamedOrBlankNode> = HashSet::new();
    let mut left_out = 0;
    for triple in &triples {
        let predicate = triple.predicate.as_str();
        if is_bookkeeping(triple) || predicate == ABOUT {
            left_out += 1;
            continue;
        }
        if data.statements.contains(&triple.subject) || data.skipped.contains(&triple.subject) {
            continue;
        }
        if let Some(number) = property_number(&triple.subject) {
            // A property's label names its relations (wdt:P39); P31's
            // statements are kinds, not relations.
            if triple.predicate == rdfs::LABEL && number != "P31" {
                out.push(Triple::new(
                    NamedNode::new_unchecked(format!("{DIRECT}{number}")),
                    rdfs::LABEL,
                    triple.object.clone(),
                ));
            }
            continue;
        }
        if let Some(local) = predicate.strip_prefix(CLAIM)
            && is_property(local)
            && let Term::NamedNode(statement) = &triple.object
        {
            let node = NamedOrBlankNode::NamedNode(statement.clone());
            data.statement(
                &triple.subject,
                local,
                &node,
                &mut out,
                &mut sources_written,
                &mut described_only,
            );
            continue;
        }
        if (predicate.starts_with(CLAIM) && !predicate.starts_with(DIRECT))
            || predicate == DERIVED_FROM
        {
            continue;
        }
        if predicate == format!("{DIRECT}P31") {
            out.push(Triple::new(
                triple.subject.clone(),
                rdf::TYPE,
                triple.object.clone(),
            ));
            continue;
        }
        if triple.predicate.as_str() == DESCRIPTION {
            out.push(Triple::new(
                triple.subject.clone(),
                rdfs::COMMENT,
                triple.object.clone(),
            ));
            continue;
        }
        out.push(triple.clone());
    }
    // An item known only as a reference's "stated in" or a qualifier's
    // value is not an actor unless something links it.
    let mut linked: HashSet<NamedOrBlankNode> = HashSet::new();
    for triple in &out {
        let predicate = triple.predicate.as_str();
        if triple.predicate == rdf::TYPE || predicate.starts_with(vocab::KGX) {
            continue;
        }
        match &triple.object {
            Term::NamedNode(node) => {
                linked.insert(NamedOrBlankNode::NamedNode(node.clone()));
            }
            Term::BlankNode(node) => {
                linked.insert(NamedOrBlankNode::BlankNode(node.clone()));
            }
            Term::Literal(_) => continue,
        }
        linked.insert(triple.subject.clone());
    }
    out.retain(|t| !described_only.contains(&t.subject) || linked.contains(&t.subject));
    Translated {
        triples: out,
        left_out,
    }
}

/// The triples by subject, and which subjects the rewrite handles itself.
struct Index<'a> {
    by_subject: HashMap<&'a NamedOrBlankNode, Vec<&'a Triple>>,
    /// Statement nodes: read through their item's `p:` triple.
    statements: HashSet<NamedOrBlankNode>,
    /// References, value nodes and sitelinks: read through what points
    /// at them, or not at all.
    skipped: HashSet<NamedOrBlankNode>,
    lang: Option<&'a str>,
}

impl<'a> Index<'a> {
    fn new(triples: &'a [Triple], lang: Option<&'a str>) -> Self {
        let mut by_subject: HashMap<&NamedOrBlankNode, Vec<&Triple>> = HashMap::new();
        let mut statements = HashSet::new();
        let mut skipped = HashSet::new();
        for triple in triples {
            by_subject.entry(&triple.subject).or_default().push(triple);
            let predicate = triple.predicate.as_str();
            let object = match &triple.object {
                Term::NamedNode(node) => Some(NamedOrBlankNode::NamedNode(node.clone())),
                Term::BlankNode(node) => Some(NamedOrBlankNode::BlankNode(node.clone())),
                Term::Literal(_) => None,
            };
            if let Some(object) = object {
                if predicate.strip_prefix(CLAIM).is_some_and(is_property) {
                    statements.insert(object);
                } else if predicate == DERIVED_FROM {
                    skipped.insert(object);
                }
            }
            if predicate == ABOUT
                || matches!(&triple.subject, NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(VALUE_NODE))
            {
                skipped.insert(triple.subject.clone());
            }
        }
        Index {
            by_subject,
            statements,
            skipped,
            lang,
        }
    }

    fn facts(&self, subject: &NamedOrBlankNode) -> impl Iterator<Item = &'a Triple> + '_ {
        self.by_subject.get(subject).into_iter().flatten().copied()
    }

    /// The object of `subject`'s first `predicate` triple.
    fn value(&self, subject: &NamedOrBlankNode, predicate: &str) -> Option<&'a Term> {
        self.facts(subject)
            .find(|t| t.predicate.as_str() == predicate)
            .map(|t| &t.object)
    }

    /// A resource's `rdfs:label` in the wanted language, else English,
    /// else any.
    fn label(&self, resource: &Term) -> Option<String> {
        let subject = match resource {
            Term::NamedNode(node) => NamedOrBlankNode::NamedNode(node.clone()),
            _ => return None,
        };
        let wanted = self.lang.map(|l| l.split('-').next().unwrap_or(l));
        self.facts(&subject)
            .filter(|t| t.predicate == rdfs::LABEL)
            .filter_map(|t| match &t.object {
                Term::Literal(label) => {
                    let language = label.language().unwrap_or("");
                    let base = language.split('-').next().unwrap_or(language);
                    let rank = if Some(base) == wanted {
                        0
                    } else if base == "en" {
                        1
                    } else {
                        2
                    };
                    Some((rank, label.value().to_owned()))
                }
                _ => None,
            })
            .min_by_key(|(rank, _)| *rank)
            .map(|(_, label)| label)
    }

    /// One statement node of `item` for property `number`.
    fn statement(
        &self,
        item: &NamedOrBlankNode,
        number: &str,
        node: &NamedOrBlankNode,
        out: &mut Vec<Triple>,
        sources_written: &mut HashSet<NamedOrBlankNode>,
        described_only: &mut HashSet<NamedOrBlankNode>,
    ) {
        let deprecated = self
            .value(node, &format!("{WIKIBASE}rank"))
            .is_some_and(|rank| matches!(rank, Term::NamedNode(r) if r.as_str() == format!("{WIKIBASE}DeprecatedRank")));
        let Some(value) = self.value(node, &format!("{STATEMENT}{number}")) else {
            return;
        };
        let Term::NamedNode(value) = value else {
            // A literal value: the truthy triple holds it, as an attribute.
            return;
        };
        if number == "P31" {
            if !deprecated {
                out.push(Triple::new(item.clone(), rdf::TYPE, value.clone()));
            }
            return;
        }
        let mut push = |predicate: NamedNode, object: Term| {
            out.push(Triple::new(node.clone(), predicate, object));
        };
        push(rdf::TYPE.into_owned(), rdf::STATEMENT.into_owned().into());
        push(rdf::SUBJECT.into_owned(), term_of(item));
        push(
            rdf::PREDICATE.into_owned(),
            NamedNode::new_unchecked(format!("{DIRECT}{number}")).into(),
        );
        push(rdf::OBJECT.into_owned(), value.clone().into());
        if deprecated {
            push(term("status"), term("Disputed").into());
        }
        if self
            .value(node, &format!("{WIKIBASE}rank"))
            .is_some_and(|rank| matches!(rank, Term::NamedNode(r) if r.as_str() == format!("{WIKIBASE}PreferredRank")))
        {
            push(
                vocab::named(ATTRIBUTE, "rank"),
                Literal::new_simple_literal("preferred").into(),
            );
        }
        let dates = self.dates(node);
        let mut qualifiers_as_dates = dates.is_some();
        if let Some(dates) = dates {
            for (predicate, literal) in dates {
                push(predicate, literal.into());
            }
        } else {
            qualifiers_as_dates = false;
        }
        for fact in self.facts(node) {
            let Some(qualifier) = fact.predicate.as_str().strip_prefix(QUALIFIER) else {
                continue;
            };
            if !is_property(qualifier)
                || (qualifiers_as_dates && ["P580", "P582", "P585"].contains(&qualifier))
            {
                continue;
            }
            let text = match &fact.object {
                Term::Literal(literal) => literal.value().to_owned(),
                other => {
                    if let Term::NamedNode(n) = other {
                        described_only.insert(NamedOrBlankNode::NamedNode(n.clone()));
                    }
                    let iri = match other {
                        Term::NamedNode(n) => n.as_str().to_owned(),
                        Term::BlankNode(b) => format!("_:{}", b.as_str()),
                        Term::Literal(l) => l.value().to_owned(),
                    };
                    match self.label(other) {
                        Some(label) => format!("{label} <{iri}>"),
                        None => format!("<{iri}>"),
                    }
                }
            };
            push(
                fact.predicate.clone(),
                Literal::new_simple_literal(text).into(),
            );
        }
        for fact in self.facts(node) {
            if fact.predicate.as_str() != DERIVED_FROM {
                continue;
            }
            let reference = match &fact.object {
                Term::NamedNode(n) => NamedOrBlankNode::NamedNode(n.clone()),
                Term::BlankNode(b) => NamedOrBlankNode::BlankNode(b.clone()),
                Term::Literal(_) => continue,
            };
            let (title, quote) = self.reference(&reference, out, sources_written, described_only);
            let evidence = BlankNode::default();
            out.push(Triple::new(
                node.clone(),
                term("evidence"),
                evidence.clone(),
            ));
            out.push(Triple::new(
                evidence.clone(),
                term("source"),
                term_of(&reference),
            ));
            out.push(Triple::new(
                evidence,
                term("quote"),
                Literal::new_simple_literal(quote.unwrap_or_else(|| format!("reference: {title}"))),
            ));
        }
    }

    /// Writes a reference as a kgx source (once); its title, and the
    /// quotation it gives if any.
    fn reference(
        &self,
        reference: &NamedOrBlankNode,
        out: &mut Vec<Triple>,
        sources_written: &mut HashSet<NamedOrBlankNode>,
        described_only: &mut HashSet<NamedOrBlankNode>,
    ) -> (String, Option<String>) {
        let text = |number: &str| match self.value(reference, &format!("{REFERENCE}{number}")) {
            Some(Term::Literal(l)) => Some(l.value().to_owned()),
            Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
            _ => None,
        };
        let url = text("P854");
        let stated_in = self.value(reference, &format!("{REFERENCE}P248"));
        if let Some(Term::NamedNode(item)) = stated_in {
            described_only.insert(NamedOrBlankNode::NamedNode(item.clone()));
        }
        let publisher = stated_in.map(|item| {
            self.label(item).unwrap_or_else(|| match item {
                Term::NamedNode(n) => n.as_str().to_owned(),
                other => other.to_string(),
            })
        });
        let title = text("P1476")
            .or_else(|| publisher.clone())
            .or_else(|| url.clone())
            .unwrap_or_else(|| "Wikidata reference".to_owned());
        if sources_written.insert(reference.clone()) {
            let mut push = |predicate: &str, value: String| {
                out.push(Triple::new(
                    reference.clone(),
                    term(predicate),
                    Literal::new_simple_literal(value),
                ));
            };
            push("title", title.clone());
            if let Some(url) = url {
                push("url", url);
            }
            if let Some(publisher) = publisher.filter(|p| *p != title) {
                push("publisher", publisher);
            }
            out.push(Triple::new(reference.clone(), rdf::TYPE, term("Source")));
        }
        (title, text("P1683"))
    }

    /// The statement's date from its qualifiers, at their precision, as
    /// kgx's date terms; `None` when it has none or they do not make a
    /// date kgx can hold (then they stay attributes).
    fn dates(&self, node: &NamedOrBlankNode) -> Option<Vec<(NamedNode, Literal)>> {
        let date = |number: &str| -> Option<Option<String>> {
            let Some(Term::Literal(literal)) = self.value(node, &format!("{QUALIFIER}{number}"))
            else {
                return Some(None);
            };
            let precision = self
                .value(node, &format!("{QUALIFIER_VALUE}{number}"))
                .and_then(|value| match value {
                    Term::NamedNode(n) => self.value(
                        &NamedOrBlankNode::NamedNode(n.clone()),
                        &format!("{WIKIBASE}timePrecision"),
                    ),
                    _ => None,
                })
                .and_then(|p| match p {
                    Term::Literal(l) => l.value().parse::<u8>().ok(),
                    _ => None,
                });
            day_month_or_year(literal, precision).map(Some)
        };
        let (on, start, end) = (date("P585")?, date("P580")?, date("P582")?);
        let text = match (&on, &start, &end) {
            (Some(on), _, _) => on.clone(),
            (None, Some(s), Some(e)) => format!("{s}..{e}"),
            (None, Some(s), None) => format!("{s}.."),
            (None, None, Some(e)) => format!("..{e}"),
            (None, None, None) => return None,
        };
        let when: When = text.parse().ok()?;
        Some(vocab::date_terms(&when))
    }
}

/// A Wikidata time as `YYYY`, `YYYY-MM` or `YYYY-MM-DD` by its precision
/// (9 year, 10 month, 11 day; day when not given); `None` for what kgx
/// cannot hold (before year 1, decades and coarser).
fn day_month_or_year(literal: &Literal, precision: Option<u8>) -> Option<String> {
    let value = literal.value().strip_prefix('+').unwrap_or(literal.value());
    if value.starts_with('-') {
        return None;
    }
    let day = value.get(..10)?;
    let text = match precision {
        Some(9) => day.get(..4)?,
        Some(10) => day.get(..7)?,
        Some(p) if p < 9 => return None,
        _ if literal.datatype() == xsd::G_YEAR => value.get(..4)?,
        _ => day,
    };
    text.parse::<When>().ok()?;
    Some(text.to_owned())
}

/// `P39` for `wd:P39`.
fn property_number(subject: &NamedOrBlankNode) -> Option<&str> {
    match subject {
        NamedOrBlankNode::NamedNode(node) => node
            .as_str()
            .strip_prefix(ENTITY)
            .filter(|local| is_property(local)),
        NamedOrBlankNode::BlankNode(_) => None,
    }
}

/// Whether `local` is a property's number (`P39`).
fn is_property(local: &str) -> bool {
    local
        .strip_prefix('P')
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// Wikidata's own bookkeeping, left out: `wikibase:` terms and classes,
/// value nodes and normalized values, page versions, "no value" classes.
fn is_bookkeeping(triple: &Triple) -> bool {
    let predicate = triple.predicate.as_str();
    predicate.starts_with(WIKIBASE)
        || PAGE_FACTS.contains(&predicate)
        || (predicate.starts_with(DIRECT) && predicate[DIRECT.len()..].contains('/'))
        || predicate.starts_with("http://www.wikidata.org/prop/direct-normalized/")
        || (triple.predicate == rdf::TYPE
            && matches!(&triple.object, Term::NamedNode(class)
                if class.as_str().starts_with(WIKIBASE)
                    || class.as_str().starts_with("http://www.wikidata.org/prop/novalue/")))
}

fn term_of(node: &NamedOrBlankNode) -> Term {
    match node {
        NamedOrBlankNode::NamedNode(n) => n.clone().into(),
        NamedOrBlankNode::BlankNode(b) => b.clone().into(),
    }
}
