//! The SPARQL kgx sends: CONSTRUCT queries (answered as N-Triples, read by
//! the same RDF mapping as a file) for a resource's neighbourhood, a batch
//! of path-search frontiers (`VALUES`), the description of a set of
//! resources, and label lookups. Every query has a `LIMIT`.

use oxrdf::NamedNode;

const PREFIXES: &str = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n\
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n\
PREFIX schema: <http://schema.org/>\n\
PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n\
PREFIX kgx: <urn:kgx:vocab:>\n";

/// The predicates that name or type a resource, and a role's fields.
const NAMING: &str = "rdf:type, rdfs:label, skos:prefLabel, schema:name, foaf:name, kgx:title";

/// The triples the focus takes part in (but not others' evidence
/// attributed to it, nor others' roles in it: those belong to other
/// relations and actors), its own description (roles too),
/// its neighbours' names and types, the reified statements about its
/// relations with their evidence and sources, and the graph's title.
pub fn neighbourhood(focus: &NamedNode, limit: usize) -> String {
    format!(
        "{PREFIXES}CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ BIND({focus} AS ?s) {focus} ?p ?o }}
  UNION {{ BIND({focus} AS ?o) ?s ?p {focus} . FILTER(?p NOT IN (kgx:attributedTo, kgx:of)) }}
  UNION {{ {focus} ?q ?s . ?s ?p ?o . FILTER(?p IN ({NAMING}, kgx:of, kgx:date, kgx:start, kgx:end)) }}
  UNION {{ {focus} kgx:role ?r . ?r kgx:of ?s . ?s ?p ?o . FILTER(?p IN ({NAMING})) }}
  UNION {{ ?s ?q {focus} . ?s ?p ?o . FILTER(?p IN ({NAMING})) }}
  UNION {{ ?s rdf:subject|rdf:object {focus} . ?s ?p ?o }}
  UNION {{ ?t rdf:subject|rdf:object {focus} . ?t rdf:subject|rdf:object ?s . ?s ?p ?o . FILTER(?p IN ({NAMING})) }}
  UNION {{ ?t rdf:subject|rdf:object {focus} . ?t kgx:evidence ?s . ?s ?p ?o }}
  UNION {{ ?t rdf:subject|rdf:object {focus} . ?t kgx:evidence ?e . ?e kgx:source ?s . ?s ?p ?o }}
  UNION {{ ?t rdf:subject|rdf:object {focus} . ?t kgx:evidence ?e . ?e kgx:attributedTo ?s . ?s ?p ?o . FILTER(?p IN ({NAMING})) }}
  UNION {{ ?s a kgx:Graph ; ?p ?o }}
}} LIMIT {limit}"
    )
}

/// The links between resources of a batch of frontier resources, both
/// ways, leaving out types, reification and kgx's own terms.
pub fn frontier(resources: &[NamedNode], limit: usize) -> String {
    let values = values(resources);
    format!(
        "{PREFIXES}CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ VALUES ?n {{ {values} }} ?n ?p ?o . BIND(?n AS ?s) }}
  UNION {{ VALUES ?n {{ {values} }} ?s ?p ?n . BIND(?n AS ?o) }}
  FILTER(isIRI(?s) && isIRI(?o) && ?p NOT IN (rdf:type, rdf:subject, rdf:predicate, rdf:object)
    && !STRSTARTS(STR(?p), \"urn:kgx:vocab:\"))
}} LIMIT {limit}"
    )
}

/// Everything needed to show paths through `resources`: their literals
/// and types, the triples between them, the statements about those with
/// evidence and sources, and the graph's title.
pub fn describe(resources: &[NamedNode], limit: usize) -> String {
    let values = values(resources);
    format!(
        "{PREFIXES}CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ VALUES ?s {{ {values} }} ?s ?p ?o . FILTER(isLiteral(?o) || ?p = rdf:type) }}
  UNION {{ VALUES ?s {{ {values} }} VALUES ?o {{ {values} }} ?s ?p ?o }}
  UNION {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} ?s rdf:subject ?a ; rdf:object ?b ; ?p ?o }}
  UNION {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} ?t rdf:subject ?a ; rdf:object ?b ; kgx:evidence ?s . ?s ?p ?o }}
  UNION {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} ?t rdf:subject ?a ; rdf:object ?b ; kgx:evidence ?e . ?e kgx:source ?s . ?s ?p ?o }}
  UNION {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} ?t rdf:subject ?a ; rdf:object ?b ; kgx:evidence ?e . ?e kgx:attributedTo ?s . ?s ?p ?o . FILTER(?p IN ({NAMING})) }}
  UNION {{ ?s a kgx:Graph ; ?p ?o }}
}} LIMIT {limit}"
    )
}

/// How many triples the focus takes part in, both ways, as one triple
/// `<urn:kgx:count> <urn:kgx:count> N` (kgx reads only CONSTRUCT answers).
pub fn count(focus: &NamedNode) -> String {
    format!(
        "CONSTRUCT {{ <urn:kgx:count> <urn:kgx:count> ?n }} WHERE {{
  {{ SELECT (COUNT(*) AS ?n) WHERE {{ {{ {focus} ?p ?o }} UNION {{ ?s ?p {focus} }} }} }}
}}"
    )
}

/// Whether a resource is described at all.
pub fn exists(resource: &NamedNode) -> String {
    format!("CONSTRUCT {{ {resource} ?p ?o }} WHERE {{ {resource} ?p ?o }} LIMIT 1")
}

/// Resources whose name or alias is `text`, ignoring case (or contains
/// it, with `part`).
pub fn named(text: &str, part: bool, limit: usize) -> String {
    let text = literal(&text.to_lowercase());
    let test = if part {
        format!("CONTAINS(LCASE(STR(?l)), {text})")
    } else {
        format!("LCASE(STR(?l)) = {text}")
    };
    format!(
        "{PREFIXES}CONSTRUCT {{ ?s rdfs:label ?l }} WHERE {{
  ?s rdfs:label|skos:prefLabel|schema:name|foaf:name|skos:altLabel ?l .
  FILTER({test})
}} LIMIT {limit}"
    )
}

fn values(resources: &[NamedNode]) -> String {
    resources
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text as a SPARQL string literal.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_quoted_safely() {
        assert_eq!(literal("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
        assert!(named("Lavrov\"}", true, 5).contains("\"lavrov\\\"}\""));
    }
}
