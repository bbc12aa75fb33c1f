//! kgx's own RDF vocabulary: the IRIs its Turtle export writes for the
//! parts of a graph that RDF has no standard term for (status, stance,
//! evidence, dates with their precision), and the names of actors,
//! sources, kinds and relation kinds inside their own namespaces.
//!
//! The namespaces are URNs (`urn:kgx:…`): they name kgx's terms without
//! claiming a web address kgx does not own.

use oxrdf::vocab::xsd;
use oxrdf::{Literal, NamedNode};

use crate::model::{PartialDate, Precision, When};

/// kgx's terms: `kgx:Graph`, `kgx:status`, `kgx:evidence`, …
pub const KGX: &str = "urn:kgx:vocab:";
/// Actors by id: `urn:kgx:actor:russia`.
pub const ACTOR: &str = "urn:kgx:actor:";
/// Sources by id.
pub const SOURCE: &str = "urn:kgx:source:";
/// Actor kinds: `urn:kgx:kind:Person`.
pub const KIND: &str = "urn:kgx:kind:";
/// Relation kinds, the predicates of kgx's relations: `urn:kgx:relation:hosted`.
pub const RELATION: &str = "urn:kgx:relation:";
/// The keys of actors' and relations' attributes.
pub const ATTRIBUTE: &str = "urn:kgx:attribute:";
/// The schemes of actors' external ids (`wikidata`).
pub const EXTERNAL_ID: &str = "urn:kgx:external-id:";
/// The graph itself, which holds its title and description.
pub const GRAPH: &str = "urn:kgx:graph";

/// The prefixes kgx writes for its namespaces.
pub const PREFIXES: &[(&str, &str)] = &[
    ("kgx", KGX),
    ("actor", ACTOR),
    ("source", SOURCE),
    ("kind", KIND),
    ("rel", RELATION),
    ("attr", ATTRIBUTE),
    ("xid", EXTERNAL_ID),
];

/// The external id that holds an actor's IRI when it has one of its own
/// (from an RDF file), so exports write that IRI again.
pub const IRI_ID: &str = "iri";
/// The relation attribute that holds the full IRI of the predicate a
/// relation was read from, when it is not one of kgx's relation kinds.
pub const PREDICATE_ATTRIBUTE: &str = "predicate";

/// The IRI of kgx's term `name` (`status` → `urn:kgx:vocab:status`).
pub fn term(name: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{KGX}{name}"))
}

/// An IRI in `namespace` for any text: characters an IRI cannot hold, and
/// `%`, `#` and `?`, are percent-encoded so [`decode`] gives the text back.
pub fn named(namespace: &str, text: &str) -> NamedNode {
    let readable = format!("{namespace}{}", encode(text, false));
    NamedNode::new(readable)
        .unwrap_or_else(|_| NamedNode::new_unchecked(format!("{namespace}{}", encode(text, true))))
}

/// The text [`named`] encoded, if `iri` is in `namespace`.
pub fn local_in(namespace: &str, iri: &str) -> Option<String> {
    iri.strip_prefix(namespace).map(decode)
}

fn encode(text: &str, ascii_only: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let keep = c.is_ascii_alphanumeric()
            || "-._~!$&'()*+,;=:@/".contains(c)
            || (!ascii_only && !c.is_ascii() && c.is_alphanumeric());
        if keep {
            out.push(c);
        } else {
            let mut bytes = [0; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A date as the XML Schema type of its precision: `2025` is an
/// `xsd:gYear`, `2024-12` an `xsd:gYearMonth`, `2025-07-31` an `xsd:date`.
pub fn date_literal(date: &PartialDate) -> Literal {
    let datatype = match date.precision() {
        Precision::Year => xsd::G_YEAR,
        Precision::Month => xsd::G_YEAR_MONTH,
        Precision::Day => xsd::DATE,
    };
    Literal::new_typed_literal(date.to_string(), datatype)
}

/// The `(predicate, date)` pairs that write a date or span: `kgx:date` for
/// one date, `kgx:start` and `kgx:end` for the ends of a span.
pub fn date_terms(when: &When) -> Vec<(NamedNode, Literal)> {
    match when {
        When::On(date) => vec![(term("date"), date_literal(date))],
        When::Since(start) => vec![(term("start"), date_literal(start))],
        When::Until(end) => vec![(term("end"), date_literal(end))],
        When::Between(start, end) => vec![
            (term("start"), date_literal(start)),
            (term("end"), date_literal(end)),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_text_survives_a_trip_through_an_iri() {
        for text in [
            "al-shibani",
            "Treaty \"x\"",
            "50%",
            "a#b?c",
            "Лавров",
            "中文 x",
            "_:b1",
        ] {
            let iri = named(ACTOR, text);
            assert!(NamedNode::new(iri.as_str()).is_ok(), "{iri}");
            assert_eq!(local_in(ACTOR, iri.as_str()).as_deref(), Some(text));
        }
    }

    #[test]
    fn dates_keep_their_precision_in_their_datatype() {
        let month: PartialDate = "2024-12".parse().expect("date");
        assert_eq!(date_literal(&month).datatype(), xsd::G_YEAR_MONTH);
        let span: When = "2011..2024".parse().expect("span");
        assert_eq!(date_terms(&span).len(), 2);
    }
}
