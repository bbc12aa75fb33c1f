//! Prefixes: the short names (`schema:Person`) that stand for namespaces,
//! so that ids, kinds and attribute keys read well on screen while the
//! full IRI stays on the card and in exports.

use std::collections::HashMap;

/// Namespaces common enough in published data that kgx knows their usual
/// prefix without a file declaring it.
pub const WELL_KNOWN: &[(&str, &str)] = &[
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("schema", "http://schema.org/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("dc", "http://purl.org/dc/elements/1.1/"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("wd", "http://www.wikidata.org/entity/"),
    ("wdt", "http://www.wikidata.org/prop/direct/"),
    ("wikibase", "http://wikiba.se/ontology#"),
    ("p", "http://www.wikidata.org/prop/"),
    ("ps", "http://www.wikidata.org/prop/statement/"),
    ("pq", "http://www.wikidata.org/prop/qualifier/"),
    ("pr", "http://www.wikidata.org/prop/reference/"),
    ("wds", "http://www.wikidata.org/entity/statement/"),
    ("wdref", "http://www.wikidata.org/reference/"),
    ("dbr", "http://dbpedia.org/resource/"),
    ("dbo", "http://dbpedia.org/ontology/"),
    ("geo", "http://www.opengis.net/ont/geosparql#"),
];

/// A set of prefixes, each name standing for one namespace.
#[derive(Clone, Debug, Default)]
pub struct Prefixes {
    by_name: HashMap<String, String>,
    by_namespace: HashMap<String, String>,
}

impl Prefixes {
    /// The [`WELL_KNOWN`] prefixes, then `declared` ones (a file's own),
    /// which win over a well-known prefix of the same name or namespace.
    pub fn with(declared: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut prefixes = Prefixes::default();
        for &(name, namespace) in WELL_KNOWN {
            prefixes.add(name.to_owned(), namespace.to_owned());
        }
        for (name, namespace) in declared {
            prefixes.add(name, namespace);
        }
        prefixes
    }

    /// Declares `name:` for `namespace`, replacing what either stood for.
    pub fn add(&mut self, name: String, namespace: String) {
        if name.is_empty() || namespace.is_empty() {
            return;
        }
        if let Some(old) = self.by_name.insert(name.clone(), namespace.clone()) {
            self.by_namespace.remove(&old);
        }
        if let Some(old) = self.by_namespace.insert(namespace, name) {
            self.by_name.remove(&old);
        }
    }

    /// The IRI as `prefix:local` when its namespace has a prefix and the
    /// rest is a plain name (`http://schema.org/Person` → `schema:Person`).
    pub fn shorten(&self, iri: &str) -> Option<String> {
        let (namespace, local) = split(iri);
        if local.is_empty() || local.contains(['%', '#', '/', '?']) {
            return None;
        }
        let name = self.by_namespace.get(namespace)?;
        Some(format!("{name}:{local}"))
    }

    /// The full IRI of a `prefix:local` name, if the prefix is known.
    pub fn expand(&self, name: &str) -> Option<String> {
        let (prefix, local) = name.split_once(':')?;
        if local.is_empty() || local.starts_with("//") || local.contains(char::is_whitespace) {
            return None;
        }
        let namespace = self.by_name.get(prefix)?;
        Some(format!("{namespace}{local}"))
    }
}

/// An IRI split after its last `#`, `/` or `:` into namespace and local
/// name: `http://schema.org/Person` → (`http://schema.org/`, `Person`).
pub fn split(iri: &str) -> (&str, &str) {
    match iri.rfind(['#', '/', ':']) {
        Some(at) => iri.split_at(at + 1),
        None => ("", iri),
    }
}

/// The local name of an IRI, what it is called without its namespace.
pub fn local_name(iri: &str) -> &str {
    split(iri).1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_known_namespaces_and_expands_back() {
        let prefixes = Prefixes::with([("ex".to_owned(), "http://example.org/".to_owned())]);
        assert_eq!(
            prefixes.shorten("http://schema.org/Person").as_deref(),
            Some("schema:Person")
        );
        assert_eq!(
            prefixes.shorten("http://example.org/alice").as_deref(),
            Some("ex:alice")
        );
        assert_eq!(prefixes.shorten("http://other.org/alice"), None);
        assert_eq!(
            prefixes.expand("ex:alice").as_deref(),
            Some("http://example.org/alice")
        );
        assert_eq!(prefixes.expand("nope:alice"), None);
    }

    #[test]
    fn a_declared_prefix_replaces_the_well_known_one() {
        let prefixes = Prefixes::with([("schema".to_owned(), "https://schema.org/".to_owned())]);
        assert_eq!(
            prefixes.shorten("https://schema.org/Person").as_deref(),
            Some("schema:Person")
        );
        assert_eq!(prefixes.shorten("http://schema.org/Person"), None);
    }
}
