//! Reading the Turtle family of syntaxes (N-Triples, N-Quads, Turtle,
//! TriG) with Oxigraph's parsers: triples one at a time to whoever maps
//! them, syntax errors as located problems, and the prefixes the file
//! declares. Named graphs are merged into one, which the reader says.

use oxrdf::{GraphName, Quad, Triple};
use oxttl::{NQuadsParser, NTriplesParser, TriGParser, TurtleParser, TurtleSyntaxError};

use crate::load::{MAX_SHOWN, Problem};

/// An RDF syntax kgx reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// One triple a line.
    NTriples,
    /// One triple a line, with its graph.
    NQuads,
    /// Triples with prefixes and abbreviations.
    Turtle,
    /// Turtle with named graphs.
    TriG,
}

/// What a file declared besides its triples.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The prefixes, by name.
    pub prefixes: Vec<(String, String)>,
    /// The quads that were in a named graph, merged into one graph.
    pub merged: Merged,
}

/// The quads of named graphs, merged into the one graph kgx has.
#[derive(Debug, Default)]
pub struct Merged {
    /// How many quads were in a named graph.
    pub quads: usize,
    /// The first few graphs' names, to say which.
    pub graphs: Vec<String>,
    /// Whether there were more graphs than those named.
    pub more: bool,
}

impl Merged {
    /// How many graph names are kept to be shown.
    const NAMED: usize = 3;

    fn take(&mut self, quad: Quad) -> Triple {
        if quad.graph_name != GraphName::DefaultGraph {
            self.quads += 1;
            let graph = quad.graph_name.to_string();
            if !self.graphs.contains(&graph) {
                if self.graphs.len() < Self::NAMED {
                    self.graphs.push(graph);
                } else {
                    self.more = true;
                }
            }
        }
        Triple::from(quad)
    }

    /// The warning to give, when a named graph was merged.
    pub fn warning(&self) -> Option<String> {
        (self.quads > 0).then(|| {
            format!(
                "{} statement{} in the named graph{} {}{} read into the one graph kgx has: kgx keeps no graph names",
                self.quads,
                if self.quads == 1 { "" } else { "s" },
                if self.graphs.len() == 1 && !self.more { "" } else { "s" },
                self.graphs.join(", "),
                if self.more { " and others" } else { "" },
            )
        })
    }
}

/// Parses `text`, giving each triple to `sink`. Returns what the file
/// declared besides, or every syntax error (the parsers go on after one).
pub fn parse(
    text: &str,
    syntax: Syntax,
    mut sink: impl FnMut(Triple),
) -> Result<Parsed, Vec<Problem>> {
    let mut merged = Merged::default();
    let mut problems = Vec::new();
    let mut take = |result: Result<Triple, TurtleSyntaxError>| match result {
        Ok(triple) => {
            sink(triple);
            problems.len() <= MAX_SHOWN
        }
        Err(error) => {
            problems.push(problem(text, &error, syntax));
            problems.len() <= MAX_SHOWN
        }
    };
    let prefixes = match syntax {
        Syntax::NTriples => {
            for result in NTriplesParser::new().for_slice(text) {
                if !take(result) {
                    break;
                }
            }
            Vec::new()
        }
        Syntax::NQuads => {
            for result in NQuadsParser::new().for_slice(text) {
                if !take(result.map(|quad| merged.take(quad))) {
                    break;
                }
            }
            Vec::new()
        }
        Syntax::Turtle => {
            let mut parser = TurtleParser::new().for_slice(text);
            for result in parser.by_ref() {
                if !take(result) {
                    break;
                }
            }
            owned(parser.prefixes())
        }
        Syntax::TriG => {
            let mut parser = TriGParser::new().for_slice(text);
            for result in parser.by_ref() {
                if !take(result.map(|quad| merged.take(quad))) {
                    break;
                }
            }
            owned(parser.prefixes())
        }
    };
    if problems.is_empty() {
        Ok(Parsed { prefixes, merged })
    } else {
        Err(problems)
    }
}

/// The prefixes by name, so the same file always maps the same way.
fn owned<'a>(prefixes: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<(String, String)> {
    let mut owned: Vec<(String, String)> = prefixes
        .map(|(name, namespace)| (name.to_owned(), namespace.to_owned()))
        .collect();
    owned.sort();
    owned
}

/// A syntax error as a problem at its place, with a hint for the usual
/// mistakes.
fn problem(text: &str, error: &TurtleSyntaxError, syntax: Syntax) -> Problem {
    let location = error.location();
    let clamp = |offset: u64| {
        usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(text.len())
    };
    let mut start = clamp(location.start.offset);
    let mut end = clamp(location.end.offset).max(start);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let message = error.message();
    let help = if message.contains("prefix") {
        "declare the prefix first: @prefix schema: <http://schema.org/> ."
    } else if message.contains("base IRI") || message.contains("relative") {
        "write full IRIs (<http://…>) or declare a base: @base <http://example.org/> ."
    } else {
        match syntax {
            Syntax::NTriples => {
                "an N-Triples line is <subject> <predicate> <object-or-\"literal\"> ."
            }
            Syntax::NQuads => "an N-Quads line is <subject> <predicate> <object> <graph>? .",
            Syntax::Turtle | Syntax::TriG => {
                "end each statement with \" .\"; IRIs go in <…>, literals in \"…\""
            }
        }
    };
    Problem::at(start..end, format!("not valid RDF: {message}"))
        .label("here")
        .help(Some(help.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_triples_and_prefixes() {
        let text = "@prefix ex: <http://example.org/> .\nex:a ex:knows ex:b .\n";
        let mut count = 0;
        let parsed = parse(text, Syntax::Turtle, |_| count += 1).expect("valid");
        assert_eq!(count, 1);
        assert_eq!(
            parsed.prefixes,
            [("ex".to_owned(), "http://example.org/".to_owned())]
        );
    }

    #[test]
    fn named_graphs_are_merged_and_counted() {
        let text = "<http://e/a> <http://e/p> <http://e/b> <http://e/g1> .\n\
            <http://e/a> <http://e/p> <http://e/c> <http://e/g1> .\n\
            <http://e/b> <http://e/p> <http://e/c> .\n";
        let mut count = 0;
        let parsed = parse(text, Syntax::NQuads, |_| count += 1).expect("valid");
        assert_eq!(count, 3, "every statement is read");
        assert_eq!(
            parsed.merged.warning().as_deref(),
            Some(
                "2 statements in the named graph <http://e/g1> read into the one graph kgx has: kgx keeps no graph names"
            )
        );
        let plain = parse(
            "<http://e/a> <http://e/p> <http://e/b> .\n",
            Syntax::NQuads,
            |_| {},
        );
        assert_eq!(plain.expect("valid").merged.warning(), None);
    }

    #[test]
    fn reports_every_bad_line_at_its_place() {
        let text = "<http://a> <http://b> <http://c> .\n<http://a> <http://b> .\n<http://a> oops <http://c> .\n";
        let problems = parse(text, Syntax::NTriples, |_| {}).expect_err("invalid");
        assert_eq!(problems.len(), 2, "{problems:?}");
        let first = problems[0].span.clone().expect("located");
        assert!(first.start >= text.find('\n').expect("two lines"));
    }
}
