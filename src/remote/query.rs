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
///
/// What is looked up per neighbour or per statement is bounded by
/// subqueries of `limit` rows, so a hub of millions of edges costs the
/// endpoint a page of work, not a scan of all its neighbours.
pub fn neighbourhood(focus: &NamedNode, limit: usize) -> String {
    let out = format!(
        "{{ SELECT DISTINCT ?s WHERE {{ {focus} ?q ?s . FILTER(!isLiteral(?s)) }} LIMIT {limit} }}"
    );
    let into = format!(
        "{{ SELECT DISTINCT ?s WHERE {{ ?s ?q {focus} . FILTER(?q NOT IN (kgx:attributedTo, kgx:of)) }} LIMIT {limit} }}"
    );
    let statements =
        format!("{{ SELECT ?t WHERE {{ ?t rdf:subject|rdf:object {focus} }} LIMIT {limit} }}");
    format!(
        "{PREFIXES}CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ BIND({focus} AS ?s) {focus} ?p ?o }}
  UNION {{ BIND({focus} AS ?o) ?s ?p {focus} . FILTER(?p NOT IN (kgx:attributedTo, kgx:of)) }}
  UNION {{ {out} ?s ?p ?o . FILTER(?p IN ({NAMING}, kgx:of, kgx:date, kgx:start, kgx:end)) }}
  UNION {{ {focus} kgx:role ?r . ?r kgx:of ?s . ?s ?p ?o . FILTER(?p IN ({NAMING})) }}
  UNION {{ {into} ?s ?p ?o . FILTER(?p IN ({NAMING})) }}
  UNION {{ {statements} ?t ?p ?o . BIND(?t AS ?s) }}
  UNION {{ {statements} ?t rdf:subject|rdf:object ?s . ?s ?p ?o . FILTER(?p IN ({NAMING})) }}
  UNION {{ {statements} ?t kgx:evidence ?s . ?s ?p ?o }}
  UNION {{ {statements} ?t kgx:evidence ?e . ?e kgx:source ?s . ?s ?p ?o }}
  UNION {{ {statements} ?t kgx:evidence ?e . ?e kgx:attributedTo ?s . ?s ?p ?o . FILTER(?p IN ({NAMING})) }}
  UNION {{ ?s a kgx:Graph ; ?p ?o }}
}} LIMIT {limit}"
    )
}

const WIKIDATA_PREFIXES: &str = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\
PREFIX schema: <http://schema.org/>\n\
PREFIX prov: <http://www.w3.org/ns/prov#>\n\
PREFIX wikibase: <http://wikiba.se/ontology#>\n\
PREFIX wdt: <http://www.wikidata.org/prop/direct/>\n\
PREFIX pr: <http://www.wikidata.org/prop/reference/>\n";

/// Statement links (`p:P39`), statement values (`ps:P39`) and qualifier
/// value nodes (`pqv:P580`), by the start of their IRIs.
const CLAIM: &str = "http://www.wikidata.org/prop/P";
const STATEMENT_VALUE: &str = "http://www.wikidata.org/prop/statement/P";
const QUALIFIER_VALUE: &str = "http://www.wikidata.org/prop/qualifier/value/";
const DIRECT: &str = "http://www.wikidata.org/prop/direct/";

/// The focus's neighbourhood in Wikidata's model (the Wikidata profile):
/// its triples, its statements with their qualifiers, time precisions and
/// references, the statements of others about it, the truthy links in,
/// and the labels (in `lang` or English) of its neighbours, their
/// `P31` classes, the properties and the references' "stated in".
pub fn wikidata_neighbourhood(focus: &NamedNode, lang: Option<&str>, limit: usize) -> String {
    let lang = literal(
        lang.and_then(|l| l.split('-').next())
            .filter(|l| !l.is_empty())
            .unwrap_or("en"),
    );
    let wanted = format!(
        "(lang(?o) = \"\" || langMatches(lang(?o), {lang}) || langMatches(lang(?o), \"en\"))"
    );
    let labelled = format!("?s rdfs:label ?o . BIND(rdfs:label AS ?p) FILTER{wanted}");
    format!(
        "{WIKIDATA_PREFIXES}CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ BIND({focus} AS ?s) {focus} ?p ?o . FILTER(!isLiteral(?o) || {wanted}) }}
  UNION {{ BIND({focus} AS ?o) ?s ?p {focus} . FILTER(STRSTARTS(STR(?p), \"{DIRECT}\")) }}
  UNION {{ {focus} ?c ?s . FILTER(STRSTARTS(STR(?c), \"{CLAIM}\")) ?s ?p ?o }}
  UNION {{ {focus} ?c ?t . FILTER(STRSTARTS(STR(?c), \"{CLAIM}\")) ?t prov:wasDerivedFrom ?s . ?s ?p ?o }}
  UNION {{ {focus} ?c ?t . FILTER(STRSTARTS(STR(?c), \"{CLAIM}\")) ?t ?v ?s . FILTER(STRSTARTS(STR(?v), \"{QUALIFIER_VALUE}\")) ?s wikibase:timePrecision ?o . BIND(wikibase:timePrecision AS ?p) }}
  UNION {{ ?o ?v {focus} . FILTER(STRSTARTS(STR(?v), \"{STATEMENT_VALUE}\")) ?s ?p ?o }}
  UNION {{ ?s ?v {focus} . FILTER(STRSTARTS(STR(?v), \"{STATEMENT_VALUE}\")) ?s ?p ?o }}
  UNION {{ ?t ?v {focus} . FILTER(STRSTARTS(STR(?v), \"{STATEMENT_VALUE}\")) ?t prov:wasDerivedFrom ?s . ?s ?p ?o }}
  UNION {{ ?t ?v {focus} . FILTER(STRSTARTS(STR(?v), \"{STATEMENT_VALUE}\")) ?t ?q ?s . FILTER(STRSTARTS(STR(?q), \"{QUALIFIER_VALUE}\")) ?s wikibase:timePrecision ?o . BIND(wikibase:timePrecision AS ?p) }}
  UNION {{ {{ {focus} ?d ?s }} UNION {{ ?s ?d {focus} }} FILTER(isIRI(?s)) {labelled} }}
  UNION {{ {{ {focus} ?d ?n }} UNION {{ ?n ?d {focus} }} ?n wdt:P31 ?s . {labelled} }}
  UNION {{ {{ {focus} ?d ?n }} UNION {{ ?n ?d {focus} }} ?n wdt:P31 ?o . BIND(?n AS ?s) BIND(wdt:P31 AS ?p) }}
  UNION {{ {{ {focus} ?d ?x }} UNION {{ ?x ?d {focus} }} ?s wikibase:directClaim ?d . {labelled} }}
  UNION {{ {focus} ?c ?t . FILTER(STRSTARTS(STR(?c), \"{CLAIM}\")) ?t prov:wasDerivedFrom ?r . ?r pr:P248 ?s . {labelled} }}
  UNION {{ {focus} ?c ?t . FILTER(STRSTARTS(STR(?c), \"{CLAIM}\")) ?t ?v ?s . FILTER(STRSTARTS(STR(?v), \"{STATEMENT_VALUE}\") && isIRI(?s)) {labelled} }}
  UNION {{ ?t ?v {focus} . FILTER(STRSTARTS(STR(?v), \"{STATEMENT_VALUE}\")) ?s ?c ?t . {labelled} }}
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

/// The Wikidata profile's frontier: truthy links (`wdt:`) between items
/// both ways, leaving out `P31` (instance of), which is a kind.
pub fn wikidata_frontier(resources: &[NamedNode], limit: usize) -> String {
    let values = values(resources);
    format!(
        "{WIKIDATA_PREFIXES}CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ VALUES ?n {{ {values} }} ?n ?p ?o . BIND(?n AS ?s) }}
  UNION {{ VALUES ?n {{ {values} }} ?s ?p ?n . BIND(?n AS ?o) }}
  FILTER(isIRI(?s) && isIRI(?o) && STRSTARTS(STR(?p), \"{DIRECT}\") && ?p != wdt:P31)
}} LIMIT {limit}"
    )
}

/// The Wikidata profile's description of the resources on paths: their
/// labels, descriptions and classes, the truthy links and statements
/// (qualifiers, precisions, references) between them, and the labels of
/// their classes and properties.
pub fn wikidata_describe(resources: &[NamedNode], lang: Option<&str>, limit: usize) -> String {
    let values = values(resources);
    let lang = literal(
        lang.and_then(|l| l.split('-').next())
            .filter(|l| !l.is_empty())
            .unwrap_or("en"),
    );
    let wanted = format!(
        "(lang(?o) = \"\" || langMatches(lang(?o), {lang}) || langMatches(lang(?o), \"en\"))"
    );
    let labelled = format!("?s rdfs:label ?o . BIND(rdfs:label AS ?p) FILTER{wanted}");
    let between = format!(
        "VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} ?a ?c ?t . FILTER(STRSTARTS(STR(?c), \"{CLAIM}\")) ?t ?v ?b . FILTER(STRSTARTS(STR(?v), \"{STATEMENT_VALUE}\"))"
    );
    format!(
        "{WIKIDATA_PREFIXES}CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ VALUES ?s {{ {values} }} ?s ?p ?o . FILTER((isLiteral(?o) && {wanted}) || ?p = wdt:P31) }}
  UNION {{ VALUES ?s {{ {values} }} VALUES ?o {{ {values} }} ?s ?p ?o }}
  UNION {{ {between} BIND(?a AS ?s) BIND(?c AS ?p) BIND(?t AS ?o) }}
  UNION {{ {between} BIND(?t AS ?s) ?t ?p ?o }}
  UNION {{ {between} ?t prov:wasDerivedFrom ?s . ?s ?p ?o }}
  UNION {{ {between} ?t ?q ?s . FILTER(STRSTARTS(STR(?q), \"{QUALIFIER_VALUE}\")) ?s wikibase:timePrecision ?o . BIND(wikibase:timePrecision AS ?p) }}
  UNION {{ {between} ?t prov:wasDerivedFrom ?r . ?r pr:P248 ?s . {labelled} }}
  UNION {{ VALUES ?x {{ {values} }} VALUES ?y {{ {values} }} ?x ?d ?y . ?s wikibase:directClaim ?d . {labelled} }}
  UNION {{ VALUES ?n {{ {values} }} ?n wdt:P31 ?s . {labelled} }}
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

/// How an endpoint is asked for names containing some text: SPARQL's
/// standard `CONTAINS` or `REGEX`, which every engine has but which scan
/// every name, or QLever's text index, which finds words at once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(try_from = "String")]
pub enum TextSearch {
    /// `CONTAINS(LCASE(STR(?name)), "text")`: the text anywhere in a name.
    #[default]
    Contains,
    /// `REGEX(STR(?name), "text", "i")`: the text typed is a regular
    /// expression, matched ignoring case.
    Regex,
    /// QLever's `ql:contains-word`: names holding the words typed (the
    /// last one as the start of a word), found in the text index QLever
    /// builds from literals.
    Qlever,
}

impl TryFrom<String> for TextSearch {
    type Error = String;

    /// The config's `"contains"`, `"regex"` or `"qlever"`.
    fn try_from(name: String) -> Result<TextSearch, String> {
        match name.as_str() {
            "contains" => Ok(TextSearch::Contains),
            "regex" => Ok(TextSearch::Regex),
            "qlever" => Ok(TextSearch::Qlever),
            _ => Err(format!(
                "unknown text search \"{name}\": \"contains\", \"regex\" or \"qlever\""
            )),
        }
    }
}

/// Resources whose name or alias is `text`, ignoring case (or contains
/// it, with `part`), looked up as `search` says.
pub fn named(text: &str, part: bool, limit: usize, search: TextSearch) -> String {
    let lowered = text.to_lowercase();
    let whole = format!("LCASE(STR(?l)) = {}", literal(&lowered));
    let words: Vec<&str> = lowered
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    let names = "?s rdfs:label|skos:prefLabel|schema:name|foaf:name|skos:altLabel ?l .";
    let body = match search {
        TextSearch::Qlever if !words.is_empty() => {
            // Each literal is a text record that contains itself as its
            // entity: the words find the record, the record the name.
            let mut bag = words.join(" ");
            if part {
                bag.push('*');
            }
            let exact = if part {
                String::new()
            } else {
                format!("\n  FILTER({whole})")
            };
            format!(
                "?t ql:contains-word {} .\n  ?t ql:contains-entity ?l .\n  {names}{exact}",
                literal(&bag)
            )
        }
        TextSearch::Regex if part => {
            format!(
                "{names}\n  FILTER(REGEX(STR(?l), {}, \"i\"))",
                literal(text)
            )
        }
        _ if part => format!(
            "{names}\n  FILTER(CONTAINS(LCASE(STR(?l)), {}))",
            literal(&lowered)
        ),
        _ => format!("{names}\n  FILTER({whole})"),
    };
    let qlever = if search == TextSearch::Qlever {
        "PREFIX ql: <http://qlever.cs.uni-freiburg.de/builtin/>\n"
    } else {
        ""
    };
    format!(
        "{PREFIXES}{qlever}CONSTRUCT {{ ?s rdfs:label ?l }} WHERE {{\n  {body}\n}} LIMIT {limit}"
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
        assert!(named("Lavrov\"}", true, 5, TextSearch::Contains).contains("\"lavrov\\\"}\""));
    }

    #[test]
    fn contains_looks_for_the_text_in_any_name_ignoring_case() {
        let query = named("Lavrov", true, 50, TextSearch::Contains);
        assert!(
            query.contains("FILTER(CONTAINS(LCASE(STR(?l)), \"lavrov\"))"),
            "{query}"
        );
        assert!(query.ends_with("LIMIT 50"));
        let whole = named("Lavrov", false, 50, TextSearch::Contains);
        assert!(
            whole.contains("FILTER(LCASE(STR(?l)) = \"lavrov\")"),
            "{whole}"
        );
    }

    #[test]
    fn regex_passes_the_pattern_typed_matched_ignoring_case() {
        let query = named("^Serg[eé]i\\b", true, 50, TextSearch::Regex);
        assert!(
            query.contains("FILTER(REGEX(STR(?l), \"^Serg[eé]i\\\\b\", \"i\"))"),
            "{query}"
        );
        assert!(!query.contains("ql:"));
    }

    #[test]
    fn qlever_asks_its_text_index_for_the_words_the_last_as_a_prefix() {
        let query = named("Sergei Lav", true, 50, TextSearch::Qlever);
        assert!(query.contains("PREFIX ql: <http://qlever.cs.uni-freiburg.de/builtin/>"));
        assert!(
            query.contains("?t ql:contains-word \"sergei lav*\" ."),
            "{query}"
        );
        assert!(query.contains("?t ql:contains-entity ?l ."), "{query}");
        assert!(
            !query.contains("CONTAINS(LCASE"),
            "no scan of every name: {query}"
        );
        // A whole name: the words found, then the name compared.
        let whole = named("Sergei Lavrov", false, 50, TextSearch::Qlever);
        assert!(
            whole.contains("ql:contains-word \"sergei lavrov\" ."),
            "{whole}"
        );
        assert!(
            whole.contains("FILTER(LCASE(STR(?l)) = \"sergei lavrov\")"),
            "{whole}"
        );
        // Punctuation separates words; with no word left, CONTAINS.
        assert!(named("al-Assad", true, 9, TextSearch::Qlever).contains("\"al assad*\""));
        let none = named("--", true, 9, TextSearch::Qlever);
        assert!(none.contains("CONTAINS(LCASE(STR(?l)), \"--\")"), "{none}");
    }
}
